"""The site's advice pages: the special measure, the desk first, the day to apply by
everywhere instead of a month's last day, and every edition built from its own file."""
import pytest

import build
from loader import editions
from loader.compile import RULES_DIR
from site_html import html_pages, read_page
from built_site import AS_OF


@pytest.mark.shipped_rules
def test_the_top_page_never_shows_a_months_last_day_as_a_deadline(text):  # noqa: F811
    assert "2026年12月31日" not in text["index"]
    assert "申請の期限は2026年11月30日（月）（目安）" in text["index"]
    assert "京都府医師会の、MAMISだけで申請する最初の回（2025年5月承認）の認定産業医の締切" in text["index"]


def test_the_special_measure_page_states_groups_end_and_next_expiry(site, text):  # noqa: F811
    page = text["special-measure"]
    for fact in ["2028年3月31日", "2020年2月〜2023年3月", "2023年4月〜2028年3月", "2回", "1回", "元の有効期限の5年後",
                 "失効", "2回分の更新を同時に申請することはできません", "日本医師会認定健康スポーツ医には、この特例措置はありません",
                 "2027年度（令和9年度） 第6回"]:
        assert fact in page, fact
    cited = (site / "special-measure" / "index.html").read_text(encoding="utf-8")
    assert all(name in cited for name in ("福岡県医師会", "福井県医師会", "東京都医師会", "佐賀県医師会"))


def test_the_contact_page_puts_the_desk_first(text):  # noqa: F811
    page = text["contact"]
    assert page.index("京都府医師会（府医）の窓口") < page.index("MAMISお問い合わせ窓口")
    assert "会員でない方は勤務先の都道府県医師会に申請します" in page


def test_the_pages_say_where_to_apply_when_papers_come_and_where_data_changes(text):  # noqa: F811
    assert "勤務先の都道府県医師会" in text["renewal"] and "勤務先の都道府県医師会" in text["new"]
    assert "有効期限の4か月ほど前" in text["renewal"] and "有効期限の4か月ほど前" in text["faq"]
    assert "住所や所属施設（勤務先）などの登録情報の変更" in text["mypage"]
    assert "病気や海外出張などの特別の事情" in text["renewal"]
    assert "実践活動を証明する書類" in text["renewal"]
    assert "登録料（10,000円）" in text["new"].split("日本医師会認定健康スポーツ医")[-1]


@pytest.fixture(scope="module")
def edition_sites(tmp_path_factory):
    return {name: build.build(RULES_DIR, tmp_path_factory.mktemp(name) / "site", AS_OF, edition=name)
            for name in editions() if name != "kyoto"}


@pytest.mark.shipped_rules
def test_every_edition_builds_with_its_own_name_and_deadlines(edition_sites):
    saga = {key: read_page(path).text for key, path in html_pages(edition_sites["saga"]).items()}
    kanagawa = {key: read_page(path).text for key, path in html_pages(edition_sites["kanagawa"]).items()}
    assert "認定医のMAMIS手続きガイド（佐賀県医師会）" in (edition_sites["saga"] / "index.html").read_text(encoding="utf-8")
    assert "佐賀県医師会の認定産業医の締切は2025年4月17日（木）でした" in saga["schedule"]
    assert "府医" not in " ".join(saga.values()) and "府医" not in " ".join(kanagawa.values())
    assert "4月15日" not in saga["schedule"] and "4月15日" not in kanagawa["schedule"]
    assert "神奈川県総合医療会館3階事務室" in kanagawa["contact"]
    assert "2026年3月31日（火）（神奈川県医師会の締切）" in kanagawa["schedule"]
