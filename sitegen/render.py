"""Render `templates/*.md.j2` into Markdown pages, reporting template errors by file and line."""
from __future__ import annotations

import re
import traceback
from pathlib import Path

import jinja2

from checker.japanese import date_ja, month_ja, months_ja
from checker.months import Month

from .problems import BuildError

GENERATED_NOTE = "<!-- このファイルは build.py が {template} から作りました。直接編集しないでください。 -->\n"
_LINK = re.compile(r"\]\(([^)\s]+)\)")


def _month(value) -> str:
    return month_ja(value if isinstance(value, Month) else Month.of(value))


def environment(templates_dir: Path) -> jinja2.Environment:
    cache = Path(__file__).resolve().parent.parent / "build" / "cache" / "jinja"
    cache.mkdir(parents=True, exist_ok=True)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        # Compiled templates kept between builds (keyed by each template's source).
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(cache)),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        keep_trailing_newline=True,
    )
    env.filters.update({
        "d": lambda day: date_ja(day),                 # 2025年4月7日（月）
        "dp": lambda day: date_ja(day, weekday=False),  # 2025年4月7日
        "month": _month,                                # 2025年5月
        "months": lambda months: months_ja(list(months)),
        "yen": lambda amount: f"{amount:,}",
    })
    return env


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


def check_links(docs_dir: Path, pages: list[Path]) -> None:
    """Every relative link in the pages points at a file that exists (mkdocs checks again)."""
    problems = []
    for page in pages:
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            for target in _LINK.findall(line):
                if re.match(r"^[a-z]+:", target) or target.startswith("#"):
                    continue
                path = target.split("#", 1)[0]
                if path and not (page.parent / path).exists():
                    problems.append(f"templates/{page.name}.j2 → {page.name}:{number}: リンク先「{path}」がありません。")
    if problems:
        raise BuildError(problems)
