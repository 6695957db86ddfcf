"""The README tells the truth about what the tests run."""
from paths import ROOT



def test_readme_quotes_the_tested_nginx_block_verbatim():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = (ROOT / "deploy" / "nginx-location.conf").read_text(encoding="utf-8")
    assert "```nginx\n" + block + "```" in readme


def test_readme_names_the_two_commands_that_ci_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "`make serve`" in readme and "`make test`" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
