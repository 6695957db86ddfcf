"""A roster of 40 members for the renewal-notice tests: Shift_JIS as Excel saves it, some
rows with the address columns, some without, one name with markup in it."""
from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys

from checker.dates.months import Month
from paths import ROOT

AS_OF = "2026-11-22"
MARKUP_NAME = '<script>alert("x")</script>山田 & 花子'
HEADER = ("ID・氏名,資格,有効期限,マイページ登録日（任意）,更新研修（単位）（任意）,実地研修（単位）（任意）,"
          "専門研修（単位）（任意）,再研修会（単位）（任意）,郵便番号（任意）,住所（任意）,氏名（任意）")


def roster_of_40(as_of: str = AS_OF) -> tuple[bytes, dict[str, str]]:
    """(the file, id → expiry) for 40 members whose expiries run month by month from the
    month of `as_of` (40 months on), so some are due within four months and most are not."""
    lines, expiries = [HEADER], {}
    start = Month.of(dt.date.fromisoformat(as_of))
    for index in range(40):
        expiry = (start + index).last_day()
        title = "認定産業医" if index % 3 else "認定健康スポーツ医"
        units = "12,1,1,," if title == "認定産業医" else ",,,3,"
        address = f"60{index % 10}-0000,京都市中京区{index}番地,会員 {index}" if index % 4 else ",,"
        if index == 5:
            address = f"600-0005,京都市,\"{MARKUP_NAME.replace(chr(34), chr(34) * 2)}\""
        lines.append(f"M-{index:02d},{title},{expiry:%Y/%m/%d},2025/3/20,{units}{address}")
        expiries[f"M-{index:02d}"] = expiry.isoformat()
    return ("\r\n".join(lines) + "\r\n").encode("cp932"), expiries


def due_ids(rows: list[dict], within_months: int = 4, as_of: str = AS_OF) -> set[str]:
    """Who should get a letter, worked out here independently of checker.roster.notices."""
    first = Month.of(dt.date.fromisoformat(as_of))
    window = {(first + offset).iso() for offset in range(within_months)}
    return {row["id"] for row in rows if not row["errors"] and row["apply_months"][:1] and row["apply_months"][0] in window}


def printed_as_the_command_line_writes(page, roster, as_of: str) -> bool:
    """Whether the roster page's letters (`#notices`, already made) are, element for element,
    what `python -m checker notices ROSTER --as-of AS_OF` writes for the same file."""
    cli = subprocess.run([sys.executable, "-m", "checker", "notices", str(roster), "--as-of", as_of],
                         cwd=ROOT, capture_output=True, timeout=120)
    fragment = re.search(r'<main class="notices">\n(.*)\n</main>', cli.stdout.decode("utf-8"), re.S).group(1)
    cli_html, page_html = page.evaluate("""(fragment) => [
        new DOMParser().parseFromString(fragment, "text/html").body.innerHTML.trim(),
        document.getElementById("notices").innerHTML.trim()]""", fragment)
    return page_html == cli_html
