"""Render `templates/*.md.j2` into Markdown pages, reporting template errors by file and line.

Every value a template prints is text, whatever it holds: `finalize` escapes it for HTML
and, in a Markdown template, for Markdown too (a `[x](javascript:…)`, a `**`, a `|` or a
leading `#` in a rule text prints as those characters). Only what the templates and
sitegen make as markup (`Markup`: macros, the checker's inline script, JSON data) passes
as it is. A link therefore comes only from a template's own `[text](target)` around a
URL field, and `check_links` refuses any target that is not a page of the site, an
http(s) URL or a telephone number.
"""
from __future__ import annotations

import html
import re
import traceback
from pathlib import Path

import jinja2
from markupsafe import Markup

from checker.dates.japanese import date_ja, month_ja, months_ja
from checker.dates.months import Month

from .problems import BuildError

GENERATED_NOTE = "<!-- このファイルは build.py が {template} から作りました。直接編集しないでください。 -->\n"
_LINK = re.compile(r"(?<!\\)\]\(([^)\s]+)\)")   # `](target)`, not an escaped `\](` of a value


def _month(value) -> str:
    return month_ja(value if isinstance(value, Month) else Month.of(value))


# Python-Markdown's backslash escapes (markdown.Markdown.ESCAPED_CHARS, with the tables
# extension's `|`), less `>`, which the HTML escape below turns into `&gt;` instead.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def as_text(value, markdown: bool = True) -> Markup:
    """`value` as text in a page: HTML-escaped and, for Markdown, backslash-escaped; one
    line (a line break in a value could start a heading or a list). In an HTML block the
    brackets become character references too, so no `[…](…)` reaches the Markdown."""
    text = " ".join(str(value).splitlines())
    if markdown:
        return Markup(html.escape(_MARKDOWN_SPECIAL.sub(r"\\\1", text), quote=True))
    return Markup(html.escape(text, quote=True).replace("[", "&#91;").replace("]", "&#93;"))


@jinja2.pass_context
def _finalize(context, value):
    if isinstance(value, Markup) or value is None:
        return value
    # Templates named *.html.j2 are HTML blocks inside a page, where Markdown is not read.
    return as_text(value, markdown=not (context.name or "").endswith(".html.j2"))


def _code(value) -> Markup:
    """`value` as a Markdown code span (shown as it is; Markdown escapes HTML in it)."""
    return Markup("`" + str(value).replace("`", "") + "`")


def environment(templates_dir: Path) -> jinja2.Environment:
    # Compiled templates depend on the environment too (finalize is compiled in): a new
    # folder whenever the way values are printed changes.
    cache = Path(__file__).resolve().parent.parent / "build" / "cache" / "jinja-text-1"
    cache.mkdir(parents=True, exist_ok=True)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        # Compiled templates kept between builds (keyed by each template's source).
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(cache)),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        finalize=_finalize,
        keep_trailing_newline=True,
    )
    env.filters.update({
        "d": lambda day: date_ja(day),                 # 2025年4月7日（月）
        "dp": lambda day: date_ja(day, weekday=False),  # 2025年4月7日
        "month": _month,                                # 2025年5月
        "months": lambda months: months_ja(list(months)),
        "yen": lambda amount: f"{amount:,}",
        "code": _code,
        "and_list": lambda items: _listed(list(items), "と"),   # AとB, A、BとC
        "or_list": lambda items: _listed(list(items), "か"),    # AかB, A、BかC
    })
    return env


def _listed(items: list, last: str) -> str:
    """Names in a sentence: the last joined by `last` (と, か), the others by 、."""
    items = [str(item) for item in items]
    return "、".join(items[:-1]) + last + items[-1] if len(items) > 1 else "".join(items)


def _template_line(exc: BaseException, name: str) -> int:
    lineno = getattr(exc, "lineno", None)
    if lineno:
        return lineno
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(name) and frame.lineno:
            return frame.lineno
    return 1


def _with_note(text: str, note: str) -> str:
    """The page with the "generated" note first, or, when the page opens with front matter
    (`---` … `---`, e.g. `hide: [toc]`), right after it: MkDocs reads it only at the top."""
    if text.startswith("---\n"):
        end = text.index("\n---\n", 4) + len("\n---\n")
        return text[:end] + note + text[end:]
    return note + text


def render_pages(templates_dir: Path, docs_dir: Path, context: dict) -> list[Path]:
    env = environment(templates_dir)
    written, problems = [], []
    for template_path in sorted(templates_dir.glob("*.md.j2")):
        name = template_path.name
        label = f"templates/{name}"
        try:
            text = env.get_template(name).render(context)
        except jinja2.TemplateError as exc:
            problems.append(f"{label}:{_template_line(exc, name)}: テンプレートの誤り（{exc.message or exc}）")
            continue
        except Exception as exc:  # noqa: BLE001 - a wrong value in the rules met by a template
            problems.append(f"{label}:{_template_line(exc, name)}: ページを作れません（{type(exc).__name__}: {exc}）")
            continue
        target = docs_dir / name[: -len(".j2")]
        target.write_text(_with_note(text, GENERATED_NOTE.format(template=label)), encoding="utf-8")
        written.append(target)
    if problems:
        raise BuildError(problems)
    return written


_EXTERNAL = re.compile(r"^(https?://[^\s<>\"']+|tel:[0-9]+)$")


def check_links(docs_dir: Path, pages: list[Path]) -> None:
    """Every link in the pages goes to a file of the site that exists (mkdocs checks
    again), an http(s) URL or a telephone number: never `javascript:` or `data:`."""
    problems = []
    for page in pages:
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            for target in _LINK.findall(line):
                if re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:", target):
                    if not _EXTERNAL.match(target.replace("\\", "")):
                        problems.append(f"templates/{page.name}.j2 → {page.name}:{number}: リンク先「{target}」は使えません"
                                        "（http:// か https:// のURL、電話番号、サイトのページだけ）。")
                    continue
                if target.startswith("#"):
                    continue
                path = target.split("#", 1)[0]
                if path and not (page.parent / path).exists():
                    problems.append(f"templates/{page.name}.j2 → {page.name}:{number}: リンク先「{path}」がありません。")
    if problems:
        raise BuildError(problems)
