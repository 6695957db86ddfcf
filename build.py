"""Build the site: rules → validated data → Markdown (Jinja2) → mkdocs → site/.

    python build.py                       build into site/
    python build.py --serve               build, then serve on http://127.0.0.1:8000/
    python build.py --as-of 2026-04-01    pages as of another day (「いま、すること」)

The build is atomic: everything is made in a fresh folder beside the output, and the
output is replaced only when every step succeeded. A failure prints file, line and
reason and leaves the last good site as it was. The output (site/) is a symbolic link
to the newest complete site, switched in one rename (sitegen/publish.py), so even a
build that is killed never leaves it missing or half-made.
"""
from __future__ import annotations

import datetime as dt
import html
import json
import logging
import os
import shutil
import sys
from functools import partial
from pathlib import Path

from markupsafe import Markup

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from checker.interfaces import command_line, os_errors  # noqa: E402
from checker.evaluate import today_in_japan  # noqa: E402
from checker.roster.check import Roster  # noqa: E402
from checker.rules.model import Rules, browser_copy  # noqa: E402
from loader import DEFAULT_EDITION, RULES_DIR, RulesError, all_editions, editions, load_rules  # noqa: E402
from loader.compile import NATIONAL_FILES  # noqa: E402
from sitegen.assets import copy_pyodide, minimal_lock, write_hashed  # noqa: E402
from sitegen.context import build_context  # noqa: E402
from sitegen.csp import add_policy  # noqa: E402
from sitegen.freshness import freshness, report_lines  # noqa: E402
from sitegen.package import NOT_IN_BROWSER, ROSTER_ONLY, checker_zip, roster_zip  # noqa: E402
from sitegen.precompress import precompress  # noqa: E402
from sitegen.publish import PREFIX, WorkFolder, refusal, switch  # noqa: E402
from sitegen.problems import BuildError  # noqa: E402
from sitegen.render import check_links, render_pages  # noqa: E402
from sitegen.scripts import copy_theme_scripts, inline_script, write_scripts  # noqa: E402
from sitegen.stdlib import stdlib_zip  # noqa: E402

# What Python's server does not know to send with the right type: the runtime's files.
MEDIA_TYPES = {".wasm": "application/wasm", ".mjs": "text/javascript", ".json": "application/json"}


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def for_browser(rules: dict) -> dict:
    """The rules as the browser's checker reads them: what the schema keeps for it
    (`checker.rules.model.browser_copy`: no citations, no texts only the pages show)."""
    return browser_copy(rules)


def write_checker_files(rules: dict, model: Rules, docs_dir: Path) -> dict:
    """The checker page's files, content-hashed; returns their URLs relative to the page
    (and the runtime's minimal lock, which the page hands to Pyodide)."""
    assets = docs_dir / "assets"
    # Key order is kept: it is the order of the YAML, which the pages and results follow.
    rules_json = json.dumps(for_browser(rules), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    names = {
        "rules": write_hashed(assets, "rules", ".json", rules_json),
        "package": write_hashed(assets, "checker", ".zip", checker_zip(without=ROSTER_ONLY + NOT_IN_BROWSER)),
        "roster_package": write_hashed(assets, "roster", ".zip", roster_zip()),
        "notices_css": write_hashed(assets, "notices", ".css",
                                    (ROOT / "templates" / "notices" / "letter.css").read_bytes()),
        **write_scripts(assets, {"worker": "checker-worker.js", "script": "checker.js", "roster_script": "roster.js"}),
        "stdlib": write_hashed(assets, "python_stdlib", ".zip", stdlib_zip()),
        "roster_template": write_hashed(assets, "roster-template", ".csv",
                                        Roster(model).template_csv().encode("utf-8")),
    }
    urls = {key: f"../assets/{name}" for key, name in names.items()}
    urls["pyodide"] = "../" + copy_pyodide(docs_dir)
    urls["lock"] = minimal_lock()
    return urls


def run_mkdocs(docs_dir: Path, site_dir: Path, site_name: str) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(docs_dir), site_dir=str(site_dir),
                             site_name=site_name, strict=True)
        mkdocs_build(config)
    except (MkDocsException, SystemExit) as exc:
        raise BuildError([f"mkdocs: {m}" for m in collector.messages] or [f"mkdocs: {exc}"]) from None
    finally:
        logger.removeHandler(collector)
    if collector.messages:  # strict mode should already have stopped; never ship on a warning
        raise BuildError([f"mkdocs: {m}" for m in collector.messages])


def replace_dir(new: Path, target: Path, trash: Path) -> None:
    """Put `new` where `target` is; the old one goes to `trash` (two renames, no copy)."""
    if target.exists():
        os.rename(target, trash)
    os.rename(new, target)


def build(rules_dir: Path, site_dir: Path, as_of: dt.date, compress: bool = False,
          edition: str = DEFAULT_EDITION, report: list[str] | None = None) -> Path:
    """Build into a fresh `.build-*` folder, then switch `site_dir` (a link) to it; returns
    `site_dir`, which stays valid across later builds (serve it, not where it points).
    The freshness report (sitegen/freshness.py) is on the about page, and its lines are
    appended to `report` if given."""
    rules = load_rules(rules_dir, edition=edition)
    model = Rules.of(rules)
    fresh = freshness(model, as_of, all_editions(rules_dir))
    site_dir = site_dir.parent.resolve() / site_dir.name   # not the link's target
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    folder = WorkFolder(site_dir)
    work, published = folder.path, False
    try:
        docs = work / "docs"
        shutil.copytree(ROOT / "docs", docs)
        copy_theme_scripts(docs)
        checker_assets = write_checker_files(rules, model, docs)
        pages = render_pages(ROOT / "templates", docs, build_context(model, as_of, checker_assets, fresh))
        check_links(docs, pages)
        run_mkdocs(docs, work / "site", Markup(html.escape(model.site_title)))   # the theme prints it as it is
        add_policy(work / "site", wasm_pages={"checker/index.html", "roster/index.html"},
                   written=[inline_script("checker-boot.js")])
        if compress:
            precompress(work / "site")
        switch(work / "site", site_dir)
        published = True
        generated = ROOT / "build" / "docs"   # kept for `mkdocs build` alone (mkdocs.yml's docs_dir)
        if site_dir == ROOT.resolve() / "site":
            generated.parent.mkdir(exist_ok=True)
            replace_dir(docs, generated, work / "old-docs")
    finally:
        folder.close(keep="site" if published else None)
    if report is not None:
        report.extend(report_lines(fresh))
    return site_dir


def open_server(site_dir: Path, port: int):
    """A server for `site_dir` on 127.0.0.1:`port`, bound before the build starts, so a
    port in use is said at once (and not after the build)."""
    import http.server   # only here: the build itself needs no web server (and starts faster)

    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(site_dir))
    handler.extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MEDIA_TYPES}
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)


def serve(server) -> None:
    with server:
        port = server.server_address[1]  # the real one when asked for port 0
        print(f"サイトを http://127.0.0.1:{port}/ で表示しています（止めるには Ctrl+C）。", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


def site_target(text: str) -> Path:
    """`--site-dir` as a path to make the site's link at; Refused if it cannot be one
    (no name, a file, a folder that is not a site, the repository itself)."""
    path = command_line.output_folder("--site-dir", text)
    name = path.name
    if name in ("", ".", "..") or text.rstrip().endswith(("/.", "/..")):
        raise command_line.Refused(command_line.word("site_no_name", option="--site-dir", value=text))
    if name.startswith(PREFIX):
        raise command_line.Refused(command_line.word("site_build_name", option="--site-dir"))
    reason = refusal(path.parent.resolve() / name)
    if reason:
        raise command_line.Refused(command_line.word(reason, option="--site-dir", value=text))
    return path


def main(argv: list[str] | None = None) -> int:
    return command_line.run(lambda: _main(argv))


def _main(argv: list[str] | None) -> int:
    parser = command_line.Parser(description="rules/ から案内サイトを作ります。")
    parser.add_argument("--rules", help="ルールのフォルダ（既定：rules）")
    parser.add_argument("--site-dir", default=str(ROOT / "site"), help="出力するフォルダ（既定：site）")
    parser.add_argument("--as-of", type=command_line.as_of_date, help="ページの基準日 YYYY-MM-DD（既定：日本時間の今日）")
    parser.add_argument("--edition", default=DEFAULT_EDITION,
                        help=f"医師会の版（rules/editions/ のファイル名。既定：{DEFAULT_EDITION}）")
    parser.add_argument("--precompress", action="store_true",
                        help="圧縮済みの .br と .gz も書く（nginx の gzip_static・brotli_static 用。初回は1分ほどかかります）")
    parser.add_argument("--serve", action="store_true", help="作ったあと 127.0.0.1 で表示する")
    parser.add_argument("--port", type=command_line.port_number, default=8000, help="--serve のポート（既定：8000）")
    args = parser.parse_args(argv)
    try:
        rules_dir = command_line.rules_source("--rules", args.rules, NATIONAL_FILES, folder_only=True) or RULES_DIR
        edition = command_line.edition_of("--edition", args.edition, editions(rules_dir))
        site_dir = site_target(args.site_dir)
    except command_line.Refused as exc:
        command_line.refuse(str(exc))
    as_of = args.as_of or today_in_japan()
    server = None
    if args.serve:
        try:
            server = open_server(site_dir.parent.resolve() / site_dir.name, args.port)
        except OSError as exc:
            command_line.refuse(command_line.word("port_busy", port=args.port, reason=os_errors.reason(exc)))
    report: list[str] = []
    try:
        site = build(rules_dir, site_dir, as_of, compress=args.precompress, edition=edition, report=report)
    except (RulesError, BuildError, OSError) as exc:
        if isinstance(exc, RulesError):
            command_line.say(exc.report())
        elif isinstance(exc, BuildError):
            command_line.say(f"サイトを作れませんでした（{len(exc.problems)}件）。")
            command_line.say("\n".join(exc.problems))
        else:
            command_line.say(os_errors.describe(exc, site_dir))
        command_line.say("サイトは作り直していません（前回のサイトはそのままです）。")
        if server is not None:
            server.server_close()
        return 2 if isinstance(exc, OSError) else 1
    command_line.write_out(f"サイトを作りました：{site}\n" + "".join(line + "\n" for line in report))
    if server is not None:
        serve(server)
    return 0


if __name__ == "__main__":
    sys.exit(main())
