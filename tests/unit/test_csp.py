"""The policy allows only the inline scripts the build writes (the theme's, the checker's
starter), known before any page is read back; any other inline script stops the build."""
import pytest

from sitegen.csp import add_policy, digest, inline_script_hashes, theme_scripts
from sitegen.problems import BuildError
from sitegen.scripts import inline_script

THEME = next(body for body in theme_scripts() if body.startswith("__md_scope=new URL(\"..\""))


def page(*scripts: str) -> str:
    return ("<html><head><meta charset=\"utf-8\"></head><body>"
            + "".join(f"<script>{body}</script>" for body in scripts)
            + "<script type=\"application/json\">{\"a\": 1}</script><script src=\"x.js\"></script></body></html>")


def test_the_builds_own_scripts_are_hashed(tmp_path):
    boot = inline_script("checker-boot.js")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(page(THEME, boot), encoding="utf-8")
    assert add_policy(tmp_path, {"a/index.html"}, written=[boot]) == 1
    html = (tmp_path / "a" / "index.html").read_text(encoding="utf-8")
    assert digest(THEME) in html and digest(boot) in html and "'wasm-unsafe-eval'" in html
    assert inline_script_hashes(html) == sorted({digest(THEME), digest(boot)})


@pytest.mark.parametrize("script", ["alert(1)", THEME.replace('"..\"', '"https://evil.example/"'),
                                    inline_script("checker-boot.js")])
def test_a_script_the_build_did_not_write_stops_it(tmp_path, script):
    (tmp_path / "index.html").write_text(page(THEME, script), encoding="utf-8")
    before = (tmp_path / "index.html").read_text(encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        add_policy(tmp_path, set(), written=[])   # the starter too, when the build did not write it
    assert caught.value.problems[0].startswith("index.html: build が書いていないスクリプトがあります")
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == before   # no page half-done


def test_the_theme_scripts_cover_every_depth():
    bases = {body.split('"')[1] for body in theme_scripts() if body.startswith("__md_scope=new URL(")}
    assert {".", "/", "..", "../..", "../../.."} <= bases
