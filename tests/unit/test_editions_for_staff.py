"""Making an edition from the README alone: the README names every field an edition may
have (the schema's own list), its example edition builds as it is, kyoto.yaml points to
a heading the README has, and `make serve EDITION=<name>` previews any edition."""
import os
import re
import shutil
import signal
import subprocess
import urllib.request

import build
from browser import printed_url
from checker.rules.model import Association, DeadlineRow, DeadlineTable, Desk, Edition, EditionNote, LocalText
from loader import load_rules
from loader.compile import RULES_DIR
from site_html import html_pages, read_page
from built_site import AS_OF
from paths import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
SECTION = README[README.index("#### 自分の医師会の版を作る"):README.index("### 使っている道具")]


def test_the_readme_names_every_field_of_an_edition():
    table = SECTION[:SECTION.index("版のファイルの例")]
    named = set(re.findall(r"`([a-z_]+)`", table)) | {part for dotted in re.findall(r"`([a-z_.<>資格\[\]]+)`", table)
                                                      for part in re.split(r"[.\[\]]+", dotted) if part}
    fields = {name for cls in (Edition, Association, Desk, DeadlineTable, DeadlineRow, EditionNote, LocalText)
              for name in cls.FIELDS}
    assert fields - named == set()


def test_kyoto_yaml_points_to_a_heading_the_readme_has():
    comment = (RULES_DIR / "editions" / "kyoto.yaml").read_text(encoding="utf-8").split("description:")[0]
    headings = set(re.findall(r"^#+ (.+)$", README, re.M))
    pointed = re.findall(r"README「(.+?)」", comment)
    assert pointed and set(pointed) <= headings


def test_the_readmes_example_edition_builds_as_it_is(tmp_path):
    blocks = re.findall(r"```yaml\n(.*?)```", SECTION, re.S)
    edition, source = blocks[0], blocks[1]
    rules = tmp_path / "rules"
    shutil.copytree(RULES_DIR, rules)
    (rules / "editions" / "example.yaml").write_text(edition, encoding="utf-8")
    with open(rules / "sources.yaml", "a", encoding="utf-8") as handle:
        handle.write(source)
    compiled = load_rules(rules, edition="example")
    assert compiled["prefecture"]["desk"]["address"] == "〒000-0000 ○○市○○町1-2-3"
    site = build.build(rules, tmp_path / "site", AS_OF, edition="example")
    pages = {key: read_page(path).text for key, path in html_pages(site).items()}
    assert "〒000-0000 ○○市○○町1-2-3" in pages["contact"] and "000-000-0000" in pages["contact"]
    assert "2026年11月30日（月）（○○県医師会の締切）" in pages["schedule"]
    assert "2027年1月29日（金）（○○県医師会の締切）" in pages["schedule"]
    assert "このサイトの資料にはありません" not in pages["contact"]   # this desk gives both


def test_make_serve_previews_any_edition(tmp_path):
    process = subprocess.Popen(["make", "--no-print-directory", "serve", "EDITION=saga", "PORT=0",
                                f"SITE_DIR={tmp_path / 'site'}"], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        url = printed_url(process.stdout)
        assert url
        with urllib.request.urlopen(url, timeout=10) as response:
            html = response.read().decode("utf-8")
        assert "<title>認定医のMAMIS手続きガイド（佐賀県医師会）</title>" in html
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


def test_make_names_an_edition_that_is_not_there(tmp_path):
    done = subprocess.run(["make", "--no-print-directory", "build", "EDITION=tokyo", f"SITE_DIR={tmp_path / 'site'}"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode != 0
    assert "--edition の「tokyo」という版はありません。ある版：kanagawa、kyoto、saga" in done.stderr   # checked before work
