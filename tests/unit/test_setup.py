"""`make test` and `make bench` on a fresh machine set the system up first (.ci/setup):
with everything present it does nothing; where it may not install, it says the exact
command in one line and stops. A fresh machine is played by an empty dpkg database
(dpkg's own DPKG_ADMINDIR) and a user without root or sudo (nobody)."""
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from paths import ROOT



def test_make_test_runs_the_setup_before_any_test():
    commands = subprocess.run(["make", "-n", "test"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    lines = commands.splitlines()
    setup = lines.index(".ci/setup")
    assert setup < next(i for i, line in enumerate(lines) if "-m pytest" in line)
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_make_bench_runs_the_setup_with_the_brotli_module_first():
    lines = subprocess.run(["make", "-n", "bench"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.splitlines()
    assert lines.index(".ci/setup bench") < next(i for i, line in enumerate(lines) if "bench/run.py" in line)


def test_with_everything_present_it_does_nothing():
    done = subprocess.run([".ci/setup"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


@pytest.mark.parametrize("target, words, extra", [
    ("test", "テスト", ""), ("bench", "ベンチマーク", " libnginx-mod-http-brotli-static")])
def test_without_permission_it_prints_the_command_and_stops(target, words, extra):
    fresh = Path(tempfile.mkdtemp())
    try:
        fresh.chmod(0o755)
        (fresh / "status").write_text("", encoding="utf-8")
        (fresh / "status").chmod(0o644)
        env = dict(os.environ, DPKG_ADMINDIR=str(fresh))
        if os.geteuid() == 0:
            command = ["setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups", "bash", ".ci/setup", target]
        elif subprocess.run(["sudo", "-n", "true"], capture_output=True).returncode != 0:
            command = ["bash", ".ci/setup", target]
        else:
            pytest.skip("this user may install with sudo: the test would install for real")
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env, timeout=60)
    finally:
        shutil.rmtree(fresh)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.splitlines() == [
        f"{words}に必要なものがありません。次のコマンドで入れてから、もう一度 make {target} を実行してください："
        f"sudo apt-get install -y chromium nginx fonts-ipafont-gothic{extra}"]


def test_the_benchmark_run_directly_names_what_is_missing_without_a_traceback(monkeypatch, capsys):
    monkeypatch.setattr(sys, "path", list(sys.path))   # run.py adds bench/ and tests/ for itself
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    run = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(run)
    monkeypatch.setattr(run, "BROTLI_MODULE", Path("/nonexistent/ngx_http_brotli_static_module.so"))
    monkeypatch.setattr(sys, "argv", ["bench/run.py"])
    assert run.main() == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and "make bench" in lines[0]
    assert lines[0].endswith("sudo apt-get install -y libnginx-mod-http-brotli-static")
