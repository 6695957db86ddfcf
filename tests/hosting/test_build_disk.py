"""`build.py` on a disk that refuses: a read-only one and a full one. A real small disk
(tmpfs, mounted in a private mount namespace of its own, `unshare -m`, so nothing outside
the test sees it): the first build fills it with a site; the next one, on the disk made
read-only and then too small for a second site, stops with a Japanese message naming the
path and exit 2, and the last good site is there as it was, with nothing left behind."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from paths import ROOT

AS_OF = "2026-11-21"

# Runs inside the namespace: mounts the disk, builds, and reports each step as JSON.
DRIVER = r'''
import hashlib, json, os, subprocess, sys
disk, python, root, as_of = sys.argv[1:5]

def sh(*args):
    subprocess.run(args, check=True)

def snapshot(folder):
    return {os.path.relpath(os.path.join(d, f), folder): hashlib.sha256(open(os.path.join(d, f), "rb").read()).hexdigest()
            for d, _, files in os.walk(folder) for f in files}

def build():
    done = subprocess.run([python, "build.py", "--site-dir", os.path.join(disk, "site"), "--as-of", as_of],
                          cwd=root, capture_output=True, text=True)
    return {"code": done.returncode, "stderr": done.stderr}

def used():
    stat = os.statvfs(disk)
    return (stat.f_blocks - stat.f_bfree) * stat.f_frsize

sh("mount", "-t", "tmpfs", "-o", "size=48m,mode=0755", "tmpfs", disk)
report = {"first": build()}
site = os.path.join(disk, "site")
report["complete"] = snapshot(site)
report["entries"] = sorted(os.listdir(disk))
report["used"] = used()
sh("mount", "-o", "remount,ro", disk)
report["read_only"] = build()
report["after_read_only"] = snapshot(site) == report["complete"]
sh("mount", "-o", "remount,rw,size=" + str(report["used"] + 4 * 1024 * 1024), disk)   # room for 4 MB more
report["full"] = build()
report["after_full"] = snapshot(site) == report["complete"]
report["entries_after"] = sorted(os.listdir(disk))
report["used_after"] = used()
print(json.dumps(report))
'''


def namespace_command() -> list[str]:
    """How to get a private mount namespace here: as root `unshare -m`; else a user
    namespace that maps us to root in it (`unshare -rm`), where the kernel allows one."""
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("unshare (util-linux) is not installed")
    command = [unshare, "-m"] if os.geteuid() == 0 else [unshare, "-r", "-m"]
    if subprocess.run([*command, "true"], capture_output=True).returncode != 0:
        pytest.skip("this machine allows no private mount namespace (unshare -m)")
    return command


def test_a_read_only_or_full_disk_stops_the_build_in_japanese_and_keeps_the_site(tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    done = subprocess.run([*namespace_command(), sys.executable, str(driver), str(disk), sys.executable, str(ROOT),
                           AS_OF], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["first"]["code"] == 0, report["first"]["stderr"]
    assert len(report["complete"]) > 50
    site = str(disk / "site")

    read_only = report["read_only"]
    assert read_only["code"] == 2 and "Traceback" not in read_only["stderr"], read_only["stderr"]
    assert f"--site-dir の「{site}」には書き込めません（読み取り専用か、書き込む権限がありません）。" in read_only["stderr"]
    assert report["after_read_only"]

    full = report["full"]
    assert full["code"] == 2 and "Traceback" not in full["stderr"], full["stderr"]
    assert "を読み書きできませんでした（ディスクの空きがありません）。" in full["stderr"]
    assert str(disk / ".build-site.") in full["stderr"]                    # the path, in the new site's folder
    assert "サイトは作り直していません（前回のサイトはそのままです）。" in full["stderr"]
    assert report["after_full"]
    assert report["entries_after"] == report["entries"]                     # its own folder removed again
    assert report["used_after"] <= report["used"] + 64 * 1024
