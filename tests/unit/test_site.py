"""The guidance site built from the real rules: the seeds' facts on the pages, one date
edit reaching every page, atomic failure, and nothing loaded from another host."""
import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import build
from loader.compile import RULES_DIR
from built_site import AS_OF, PAGES
from site_html import html_pages, is_off_site, read_page
from paths import ROOT





def test_every_page_is_built(site):
    assert set(PAGES) <= set(html_pages(site))


def test_title_names_the_association(site):
    assert "<title>認定医のMAMIS手続きガイド（京都府医師会）</title>" in (site / "index.html").read_text(encoding="utf-8")


@pytest.mark.shipped_rules
@pytest.mark.parametrize("page,facts", [
    ("index", ["2025年3月29日（土）", "2025年3月31日（月）", "2025年4月1日（火）", "2025年4月7日（月）",
               "2025年4月15日（火）", "2025年5月", "2025年（令和7年）"]),
    ("index", ["2026年11月21日（土）時点", "有効期限が概ね2027年3月末の方", "申請の期限は2026年11月30日（月）（目安）"]),
    ("mypage", ["https://mamis.med.or.jp/login", "ID・パスワード通知はがき", "利用者登録", "最大約1か月",
                "2025年3月29日（土）までに登録", "単位や受講記録が登録されません"]),
    ("credits", ["2025年3月31日（月）まで", "2025年4月1日（火）から", "手帳管理", "修了証管理", "合計"]),
    ("renewal", ["20単位以上", "更新研修", "実地研修", "専門研修", "5単位以上", "再研修会", "実践活動",
                 "10,000円", "手帳の原本", "府医の窓口へ提出するか、現金書留", "写真やPDFファイル", "3枚複写"]),
    ("new", ["前期研修", "14単位以上", "10単位以上", "26単位以上", "50単位以上", "修了認定書", "前期日程", "後期日程"]),
    ("faq", ["10,000円", "0120-110-030"]),
    ("contact", ["0120-110-030", "0120-179-066", "075-451-9111", "年中無休・6時〜21時", "平日9時〜17時45分"]),
    ("about", ["2026年11月22日（日）に出典と照合", "JIS X 8341-3:2016", "AA", "どこにも送りません",
               "認定医が知っておくこと", "京都医報 No.2290"]),
])
def test_seed_facts_are_on_the_page(text, page, facts):
    missing = [fact for fact in facts if fact not in text[page]]
    assert not missing, f"{page}: {missing}"


def test_the_2025_table_is_the_seeds_six_rows(site):
    rows = read_page(html_pages(site)["schedule"]).rows
    seed = [
        ["7月末の方", "4月", "第1回", "5月末", "6月末以降"],
        ["9月末の方", "5-6月", "第2回", "7月末", "8月末以降"],
        ["11月末の方", "7-8月", "第3回", "9月末", "10月末以降"],
        ["1月末の方", "9-10月", "第4回", "11月末", "12月末以降"],
        ["3月末の方", "11-12月", "第5回", "1月末", "2月末以降"],
        ["5月末の方", "1-2月", "第6回", "3月末", "4月末以降"],
    ]
    assert rows[:7] == [["有効期限（概ね）", "都道府県医師会に申請", "回", "日本医師会審査・承認", "認定証到着の目安"]] + seed


@pytest.mark.shipped_rules
def test_later_years_come_from_the_checker_and_say_estimate(site):
    rows = read_page(html_pages(site)["schedule"]).rows
    fy2026_first = ["2026年7月末", "2026年3月〜4月", "第1回", "2026年3月31日（火）（目安）・過ぎています", "2026年5月31日（日）",
                    "2026年6月30日以降"]
    assert fy2026_first in rows
    assert ["2028年5月末", "2028年1月〜2月", "第6回", "2028年1月31日（月）（目安）", "2028年3月31日（金）",
            "2028年4月30日以降"] in rows


def test_the_checker_json_is_written_with_a_content_hash(site):
    files = list((site / "assets").glob("rules.*.json"))
    assert len(files) == 1
    digest = hashlib.sha256(files[0].read_bytes()).hexdigest()[:10]
    assert files[0].name == f"rules.{digest}.json"


def test_no_page_loads_anything_from_another_host(site):
    offenders = []
    for key, path in html_pages(site).items():
        offenders += [(key, url) for url in read_page(path).resources if is_off_site(url)]
    for css in site.rglob("*.css"):
        for url in re.findall(r"(?:url\(\s*['\"]?|@import\s+['\"])([^'\")]+)", css.read_text(encoding="utf-8")):
            if is_off_site(url):
                offenders.append((css.name, url))
    assert offenders == []


def test_the_checker_for_off_site_resources_can_fail(tmp_path):
    page = tmp_path / "x.html"
    page.write_text('<link rel="stylesheet" href="https://fonts.googleapis.com/css"><script src="//cdn.x/y.js"></script>'
                    '<a href="https://mamis.med.or.jp/login">MAMIS</a>', encoding="utf-8")
    assert [url for url in read_page(page).resources if is_off_site(url)] == [
        "https://fonts.googleapis.com/css", "//cdn.x/y.js"]


def _copy_rules(tmp_path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(RULES_DIR, target)
    return target


def test_one_date_edit_changes_every_page_that_shows_it(tmp_path, site, text):
    rules = _copy_rules(tmp_path)
    schedule = rules / "schedule.yaml"
    schedule.write_text(schedule.read_text(encoding="utf-8").replace("date: 2025-04-07", "date: 2025-04-08"),
                        encoding="utf-8")
    edited = build.build(rules, tmp_path / "site", AS_OF)
    edited_pages = html_pages(edited)
    # the checker's rules file gets a new name, so no cache can serve the old one
    old_name = next((site / "assets").glob("rules.*.json")).name
    new_name = next((edited / "assets").glob("rules.*.json")).name
    assert old_name != new_name and new_name in (edited / "checker" / "index.html").read_text(encoding="utf-8")
    showed = [key for key in PAGES if "4月7日" in text[key]]
    assert {"index", "mypage", "schedule", "faq"} <= set(showed)
    for key in showed:
        new_text = read_page(edited_pages[key]).text
        assert "4月7日" not in new_text, key
        assert "4月8日" in new_text, key


def run_build(*args):
    return subprocess.run([sys.executable, "build.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def snapshot(folder: Path) -> dict:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_broken_yaml_leaves_the_last_site_untouched(tmp_path):
    out = tmp_path / "site"
    first = run_build("--site-dir", str(out), "--as-of", "2026-11-21")
    assert first.returncode == 0, first.stderr
    before = snapshot(out)
    rules = _copy_rules(tmp_path)
    path = rules / "occupational.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("value: 20", "value: twenty"), encoding="utf-8")
    failed = run_build("--rules", str(rules), "--site-dir", str(out), "--as-of", "2026-11-21")
    assert failed.returncode == 1
    assert re.search(r"rules/occupational\.yaml:\d+: 「value」は整数で書いてください", failed.stderr), failed.stderr
    assert "前回のサイトはそのままです" in failed.stderr
    assert snapshot(out) == before
    # Only the folder holding the site that `site` links to: the failed build left nothing.
    assert [p for p in tmp_path.iterdir() if p.name.startswith(".build-")] == [out.resolve().parent]


def test_every_page_carries_a_strict_policy_and_no_inline_handlers(site):
    for key, path in html_pages(site).items():
        html = path.read_text(encoding="utf-8")
        policies = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert len(policies) == 1, key
        policy = policies[0]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy and "object-src 'none'" in policy
        assert "http" not in policy, key   # no other host is named
        evals = ("'wasm-unsafe-eval'" in policy, "'unsafe-eval'" in policy)
        assert evals == ((True, True) if key in ("checker", "roster") else (False, False)), key
        assert html.index("Content-Security-Policy") < html.index("<script"), key
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", html), f"{key}: inline event handler"


def test_inline_script_hashes_are_those_of_the_page(site):
    from sitegen.csp import inline_script_hashes

    html = (site / "schedule" / "index.html").read_text(encoding="utf-8")
    hashes = inline_script_hashes(html)
    assert len(hashes) == 3
    assert all(h in html for h in hashes)


def test_only_the_checker_pages_load_the_runtime(site):
    for key, path in html_pages(site).items():
        html = path.read_text(encoding="utf-8")
        loads = 'data-pyodide="' in html or any("pyodide/" in url for url in read_page(path).resources)
        assert loads == (key in ("checker", "roster")), key   # the licence page only names it



def test_the_search_finds_no_hidden_error_texts(site):
    """Messages the checker shows only on an error are not search results."""
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    index = "".join(doc["title"] + doc["text"] for doc in docs)
    assert "入力内容に誤りがあります" not in index and "計算の部品を起動できませんでした" not in index
    assert "単位・申請時期チェッカー" in index
