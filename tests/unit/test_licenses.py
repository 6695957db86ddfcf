"""The licence notices (「ライセンス」): every file of the built site comes from a component
the page lists, with the version that is installed; the page is reachable from the footer
of every page (under a sub-path too) and from このサイトについて."""
import json
import urllib.parse
from importlib import metadata
from pathlib import Path

from sitegen import licenses
from sitegen.assets import pyodide_version
from site_html import html_pages, read_page
from paths import ROOT



def unplaced(site_dir: Path) -> list[str]:  # noqa: F811
    return [rel for rel in (p.relative_to(site_dir).as_posix() for p in sorted(site_dir.rglob("*")) if p.is_file())
            if licenses.origin(rel) is None]


def test_every_file_of_the_site_comes_from_a_component_the_page_lists(site):  # noqa: F811
    assert unplaced(site) == []
    listed = licenses.components()
    text = read_page(site / "licenses" / "index.html").text
    used = {licenses.origin(p.relative_to(site).as_posix()) for p in site.rglob("*") if p.is_file()}
    assert used == set(listed), used ^ set(listed)
    for key in used:
        assert listed[key]["name"] in text, key
        assert not listed[key]["version"] or listed[key]["version"] in text, key


def test_a_file_from_anywhere_else_is_not_placed(site, tmp_path):  # noqa: F811
    copy = tmp_path / "site"
    copy.mkdir()
    for rel in ("index.html", "assets/javascripts/bundle.a5f9d56c.min.js", "pyodide/x/pyodide.mjs",
                "assets/javascripts/vendor.js", f"pyodide/{pyodide_version()}/extra.wasm",
                "assets/checker.0123456789.wasm", "fonts/noto.woff2"):
        (copy / rel).parent.mkdir(parents=True, exist_ok=True)
        (copy / rel).write_text("x")
    assert unplaced(copy) == ["assets/checker.0123456789.wasm", "assets/javascripts/vendor.js", "fonts/noto.woff2",
                              f"pyodide/{pyodide_version()}/extra.wasm", "pyodide/x/pyodide.mjs"]


def test_names_and_versions_are_the_installed_ones(site):  # noqa: F811
    text = read_page(site / "licenses" / "index.html").text
    lock = json.loads((ROOT / "node_modules" / "pyodide" / "pyodide-lock.json").read_text(encoding="utf-8"))
    package = json.loads((ROOT / "node_modules" / "pyodide" / "package.json").read_text(encoding="utf-8"))
    assert f"Pyodide {package['version']}" in text and package["license"] == "MPL-2.0"
    assert f"Python {lock['info']['python']}" in text
    assert f"Material for MkDocs {metadata.version('mkdocs-material')}" in text
    assert f"MkDocs {metadata.version('mkdocs')}" in text
    assert "Copyright (c) 2016-" in text and "Martin Donath" in text          # Material's MIT text, in full
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").splitlines()[2] in text   # ours
    assert "zlib" in text and "Expat" in text                                  # found inside the wasm


def test_every_package_the_theme_bundles_has_its_licence(site):  # noqa: F811
    bundled = licenses.bundled_packages()
    assert {"rxjs", "lunr"} <= set(bundled)
    assert [name for name in bundled if name not in licenses.BUNDLED] == []
    text = read_page(site / "licenses" / "index.html").text
    assert all(licenses.BUNDLED[name][0] in text for name in bundled)


def test_the_footer_of_every_page_links_to_the_notices_under_a_sub_path(site):  # noqa: F811
    base = "https://example.jp/ninteii/"
    for key, path in html_pages(site).items():
        if key == "404":
            continue   # its links are absolute, like the rest of mkdocs' 404 page
        page_url = base + path.relative_to(site).as_posix().removesuffix("index.html")
        html = path.read_text(encoding="utf-8")
        footer = html[html.index('class="md-copyright"'):]
        href = footer.split('href="', 1)[1].split('"', 1)[0]
        assert urllib.parse.urljoin(page_url, href) == base + "licenses/", key


def test_about_links_to_the_notices(site):  # noqa: F811
    html = (site / "about" / "index.html").read_text(encoding="utf-8")
    assert 'href="../licenses/">ライセンス</a>' in html


def test_the_repository_has_its_licence():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "Permission is hereby granted" in text
