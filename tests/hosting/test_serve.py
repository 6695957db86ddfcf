"""The README's build-and-serve command: builds, then serves the site on 127.0.0.1."""
import re
import subprocess
import sys
import urllib.request
from paths import ROOT



def test_build_and_serve_on_loopback(tmp_path):
    process = subprocess.Popen(
        [sys.executable, "-u", "build.py", "--serve", "--port", "0", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = None
        for line in process.stdout:
            match = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
            if match:
                url = match.group(1)
                break
        assert url, process.stderr.read()
        with urllib.request.urlopen(url + "schedule/", timeout=10) as response:
            html = response.read().decode("utf-8")
        assert response.status == 200 and "申請スケジュール" in html
    finally:
        process.terminate()
        process.wait(timeout=10)
