"""The browser tests' fixtures: the Kyoto site served by nginx under a sub-path, and a fresh
Chromium context per test with every off-site request blocked and every CSP violation
recorded (tests/helpers/checker_page.py)."""
from checker_page import page_of, served  # noqa: F401 - fixtures for every test in this folder
