"""`python build.py` killed with a real SIGKILL at several moments: the path named `site`
always holds the last complete site, the next build removes what the killed ones left,
and git ignores the leftovers and the link. Two sites side by side in one folder (two
editions) are built in turn and killed mid-way, and neither ever loses its site: a build
only removes its own leftovers (issue #22)."""
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from paths import ROOT
from rules_copies import snapshot
from sitegen.publish import _LOCK as LOCK

AS_OF = "2026-11-21"


def start_build(site: Path, pause_at: str | None = None, edition: str = "kyoto") -> subprocess.Popen:
    env = dict(os.environ)
    if pause_at:
        env["BUILD_PAUSE_AT"] = pause_at
    return subprocess.Popen([sys.executable, "-u", "build.py", "--site-dir", str(site), "--as-of", AS_OF,
                             "--edition", edition],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def build_folders(site: Path) -> set[Path]:
    return {p for p in site.parent.iterdir() if p.name.startswith(".build-")}


def wait_for(condition, process: subprocess.Popen, timeout: float = 180):
    deadline = time.time() + timeout
    while time.time() < deadline:
        found = condition()
        if found:
            return found
        assert process.poll() is None, process.stderr.read()   # finished before the moment came
        time.sleep(0.005)
    raise AssertionError("the moment never came")


def kill(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    site = tmp_path_factory.mktemp("killed") / "site"
    done = subprocess.run([sys.executable, "build.py", "--site-dir", str(site), "--as-of", AS_OF],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return site, snapshot(site)


def test_a_killed_build_never_leaves_site_missing_or_partial(built):
    site, complete = built
    assert site.is_symlink() and len(complete) > 50

    # While it copies the docs, then while mkdocs writes the new site (its folder exists).
    for moment in ("work", "mkdocs"):
        before = build_folders(site)
        process = start_build(site)
        folder = next(iter(wait_for(lambda: build_folders(site) - before, process)))
        # Past its start: a folder killed between its mkdir and its lock, two system calls
        # apart, is a build just starting to the next one, and is left for a minute (publish.py).
        wait_for(lambda: (folder / LOCK).exists(), process)
        if moment == "mkdocs":
            wait_for(lambda: (folder / "site").is_dir(), process)
        kill(process)
        if moment == "mkdocs":
            assert not (folder / "site" / "sitemap.xml").exists()   # mkdocs writes it last: killed mid-way
        assert snapshot(site) == complete, moment
        assert len(build_folders(site)) <= 2            # the live one, and this killed one

    # Right around the switch: the new link made but not yet in place, and just after it.
    for moment in ("before-switch", "after-switch"):
        process = start_build(site, pause_at=moment)
        assert process.stdout.readline().strip() == f"paused at {moment}", process.stderr.read()
        kill(process)
        assert snapshot(site) == complete, moment
        assert len(build_folders(site)) == 2, moment   # the previous killed one was removed at start

    finished = start_build(site)
    assert finished.wait(timeout=300) == 0, finished.stderr.read()
    assert snapshot(site) == complete
    assert build_folders(site) == {site.resolve().parent}   # every leftover removed


def test_a_running_build_keeps_its_folder_while_another_builds(built):
    site, complete = built
    paused = start_build(site, pause_at="before-switch")
    try:
        assert paused.stdout.readline().strip() == "paused at before-switch"
        running = build_folders(site) - {site.resolve().parent}
        other = subprocess.run([sys.executable, "build.py", "--site-dir", str(site), "--as-of", AS_OF],
                               cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert other.returncode == 0, other.stderr
        assert running <= build_folders(site)           # held by the paused build: not removed
    finally:
        kill(paused)
    assert snapshot(site) == complete


def test_a_plain_site_folder_becomes_the_link(tmp_path):
    """The plain `site/` an earlier version built (a site: index.html, sitemap.xml) is
    replaced once by the link; a folder that is no site is never replaced (test_cli_fuzz)."""
    site = tmp_path / "site"
    site.mkdir()
    for name in ("old.html", "index.html", "sitemap.xml"):
        (site / name).write_text("old", encoding="utf-8")
    done = subprocess.run([sys.executable, "build.py", "--site-dir", str(site), "--as-of", AS_OF],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert site.is_symlink() and (site / "index.html").is_file() and not (site / "old.html").exists()
    assert oct(site.resolve().parent.stat().st_mode & 0o777) == "0o755"   # a web server's user can read it
    assert [p.name for p in build_folders(site)] == [site.resolve().parent.name]


def test_git_ignores_the_link_and_the_build_folders(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copy(ROOT / ".gitignore", repo / ".gitignore")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    (repo / ".build-abc123" / "site").mkdir(parents=True)
    (repo / ".build-abc123" / "site" / "index.html").write_text("x", encoding="utf-8")
    (repo / "site").symlink_to(".build-abc123/site")
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=repo,
                            capture_output=True, text=True, check=True).stdout
    assert status.splitlines() == ["?? .gitignore"]


def test_an_impossible_as_of_date_is_a_message(tmp_path):
    done = subprocess.run([sys.executable, "build.py", "--site-dir", str(tmp_path / "site"), "--as-of", "2025-02-30"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "--as-of の「2025-02-30」は日付ではありません" in done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "site").exists()


def test_two_editions_side_by_side_both_stay_complete(tmp_path):
    """Kyoto and Saga built into one folder, in turn, twice; then a Kyoto build killed while
    mkdocs writes and one killed just after its switch, each followed by a Saga build: both
    sites are whole after every step, and in the end only their two live folders remain."""
    sites = {"kyoto": tmp_path / "sites" / "kyoto", "saga": tmp_path / "sites" / "saga"}
    sites["kyoto"].parent.mkdir()
    complete: dict[str, dict] = {}

    def build_and_check(edition: str) -> None:
        finished = start_build(sites[edition], edition=edition)
        assert finished.wait(timeout=300) == 0, finished.stderr.read()
        assert_both_complete()

    def assert_both_complete() -> None:
        for edition, site in sites.items():
            if edition in complete:
                assert snapshot(site) == complete[edition], edition
            elif site.exists():
                complete[edition] = snapshot(site)
                assert len(complete[edition]) > 50 and "index.html" in complete[edition]

    for _ in range(2):
        for edition in sites:
            build_and_check(edition)
    assert "認定医のMAMIS手続きガイド（佐賀県医師会）" in (sites["saga"] / "index.html").read_text(encoding="utf-8")
    assert "認定医のMAMIS手続きガイド（京都府医師会）" in (sites["kyoto"] / "index.html").read_text(encoding="utf-8")

    before = build_folders(sites["kyoto"])
    killed = start_build(sites["kyoto"], edition="kyoto")
    folder = next(iter(wait_for(lambda: build_folders(sites["kyoto"]) - before, killed)))
    wait_for(lambda: (folder / "site").is_dir(), killed)
    kill(killed)
    assert_both_complete()
    build_and_check("saga")                       # the other site's build leaves the killed folder alone ...
    assert folder in build_folders(sites["kyoto"])

    killed = start_build(sites["kyoto"], pause_at="after-switch", edition="kyoto")
    assert killed.stdout.readline().strip() == "paused at after-switch", killed.stderr.read()
    kill(killed)
    complete.pop("kyoto")                         # the new Kyoto site is live: whole, and the same
    assert_both_complete()
    build_and_check("saga")
    build_and_check("kyoto")                      # ... and Kyoto's own next build removes it
    assert build_folders(sites["kyoto"]) == {site.resolve().parent for site in sites.values()}
