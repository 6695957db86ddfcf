"""The Kyoto site the tests read, built once per session (tests/conftest.py `site`) as of this day."""
import datetime as dt

AS_OF = dt.date(2026, 11, 21)
PAGES = ["index", "mypage", "credits", "renewal", "new", "schedule", "special-measure", "faq", "contact", "about",
         "checker"]
