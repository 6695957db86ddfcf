"""What every test shares: the repository and tests/helpers on the import path, the rules,
the Kyoto site built once per session, a copy of rules/ to edit, and the markers that say
what a test needs beyond CPython.

The folder says what a test needs: tests/unit/ only CPython (and the build), tests/node/
Node.js running Pyodide or esbuild's output, tests/browser/ Chromium, tests/hosting/ a web
server, the file system or signals. Each gets the marker of its folder (`node`, `browser`,
`hosting`); a test in tests/unit/ that opens Chromium all the same carries `browser`
itself, and a test that runs other tests carries `suite`. `make check` runs the rest:
the build and every CPython test, in about a minute (README「ルールを直したら」).
"""
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "helpers")]

import pytest  # noqa: E402

FOLDER_MARKERS = {"node": "node", "browser": "browser", "hosting": "hosting"}


@pytest.fixture(scope="session")
def rules():
    from loader import load_rules

    return load_rules()


@pytest.fixture(scope="session")
def rules_of():
    """The compiled rules of an edition, compiled once per edition."""
    from loader import load_rules

    compiled = {}

    def of(edition: str) -> dict:
        if edition not in compiled:
            compiled[edition] = load_rules(edition=edition)
        return compiled[edition]

    return of


@pytest.fixture
def rules_copy(tmp_path):
    """A copy of rules/ for a test to edit (tests/helpers/rules_copies.py)."""
    from loader.compile import RULES_DIR

    target = tmp_path / "rules"
    shutil.copytree(RULES_DIR, target)
    return target


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The Kyoto site as of built_site.AS_OF, built once for every test that reads it."""
    import build
    from built_site import AS_OF
    from loader.compile import RULES_DIR

    return build.build(RULES_DIR, tmp_path_factory.mktemp("site") / "site", AS_OF)


@pytest.fixture(scope="session")
def text(site):
    """Each page's readable text, by page."""
    from built_site import PAGES
    from site_html import html_pages, read_page

    pages = html_pages(site)
    return {key: read_page(pages[key]).text for key in PAGES}


def pytest_collection_modifyitems(config, items):
    """Markers from the folders; and the tests that pin the checker's answers on the shipped
    rules (`shipped_rules`) run only on the official tables and closing days they were
    written for (tests/helpers/pinned.py): after a year's table or an edition's closing
    days are added, they stand aside, and every other test, which reads what it expects
    from the rules, still runs."""
    for item in items:
        folder = Path(str(item.fspath)).parent.name
        if folder in FOLDER_MARKERS:
            item.add_marker(FOLDER_MARKERS[folder])
    marked = [item for item in items if item.get_closest_marker("shipped_rules")]
    from pinned import pins_apply

    if not marked or pins_apply():
        return
    skip = pytest.mark.skip(reason="pins the answers on the shipped rules; rules/ now has other official tables "
                                   "or closing days (tests/helpers/pinned.py)")
    for item in marked:
        item.add_marker(skip)
