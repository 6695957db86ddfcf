"""Generated rosters: the CSV text and, for each row, the request a person would check by
hand (the roster must answer each row as that single check does)."""
import random

AS_OF = "2026-11-21"


def generated(seed: int, count: int):
    """(csv text, the requests a person would check one by one, line numbers) for a roster."""
    rng = random.Random(seed)
    header = "ID・氏名,資格,有効期限,マイページ登録日（任意）,更新研修（単位）（任意）,実地研修（単位）（任意）,専門研修（単位）（任意）,再研修会（単位）（任意）"
    lines, expected, line = [header], {}, 1
    titles = {"認定産業医": "occupational", "産業医": "occupational", "日本医師会認定健康スポーツ医": "sports",
              "健康スポーツ医": "sports", "歯科医": "歯科医"}
    for index in range(count):
        if rng.random() < 0.1:
            lines.append("")          # blank lines are skipped
            line += 1
        title = rng.choice(list(titles))
        year, month, day = rng.randint(2025, 2031), rng.randint(1, 12), rng.randint(1, 28)
        style = rng.randrange(4)
        written = [f"{year}-{month:02d}-{day:02d}", f"{year}/{month}/{day}", f"{year}年{month}月{day}日",
                   f"令和{year - 2018}年{month}月{day}日"][style]
        iso = f"{year}-{month:02d}-{day:02d}"
        if rng.random() < 0.08:
            written, iso = f"{year}/2/30", f"{year}-02-30"       # a date that does not exist
        units = {}
        cells = ["", "", "", ""]
        if rng.random() < 0.6:
            names = ["更新研修", "実地研修", "専門研修"] if titles[title] == "occupational" else ["再研修会"]
            for name in names:
                if rng.random() < 0.8:
                    units[name] = rng.randint(0, 12)
            cells = [str(units.get(n, "")) for n in ("更新研修", "実地研修", "専門研修", "再研修会")]
        registered = rng.choice(["", "2025/3/20", "2025-05-01", "未登録"])
        lines.append(",".join([f"ID-{index:05d}", title, written, registered] + cells))
        line += 1
        request = {"certification": titles[title], "procedure": "renewal", "expires_on": iso, "as_of": AS_OF}
        if registered == "未登録":
            pass                                          # not registered: the single check leaves it out
        elif registered:
            request["mypage_registered_on"] = registered.replace("/", "-").replace("-3-", "-03-").replace("-5-", "-05-") \
                if "-" in registered else "2025-03-20"
        else:
            request["mypage_registered_on"] = "2025-03-29"   # blank: unknown, checked as registered by the deadline
        nonzero = {k: v for k, v in units.items() if v != 0}
        if units:   # some unit cell is filled: the units are known (a request's [] says "none yet")
            request["credit_totals"] = [{"category": k, "source": "unspecified", "units": v} for k, v in nonzero.items()]
        expected[f"ID-{index:05d}"] = (line, request, bool(units))   # units known: some unit cell is filled
    return "\r\n".join(lines) + "\r\n", expected
