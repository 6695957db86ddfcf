"""Debian's nginx, started by a test on 127.0.0.1 with the built site under a sub-path,
using the very location block that the README gives association staff."""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

from paths import ROOT
LOCATION = ROOT / "deploy" / "nginx-location.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def nginx_serving(site: Path, work: Path, sub_path: str = "/ninteii/", *, main_extra: str = "",
                  http_extra: str = "", location_extra: str = ""):
    """Serve `site` at http://127.0.0.1:PORT{sub_path}; yields that URL. The extras are
    added at the top level, in http { }, and first inside the site's location."""
    work.mkdir(parents=True, exist_ok=True)
    location = LOCATION.read_text(encoding="utf-8").replace("/var/www/ninteii/", f"{site.resolve()}/")
    location = location.replace("/ninteii/", sub_path)
    if location_extra:
        location = location.replace("{\n", "{\n    " + location_extra + "\n", 1)
    port = free_port()
    user = "user root;\n" if os.geteuid() == 0 else ""
    temp = "\n".join(f"    {name}_temp_path {work}/{name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    config = f"""{main_extra}
{user}worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {work}/access.log;
{temp}
    sendfile on;
{http_extra}
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
{location}
    }}
}}
"""
    conf = work / "nginx.conf"
    conf.write_text(config, encoding="utf-8")
    process = subprocess.Popen([NGINX, "-p", str(work), "-c", str(conf), "-g", "daemon off;"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}{sub_path}"
    try:
        deadline = time.time() + 15
        while True:
            try:
                urllib.request.urlopen(base, timeout=2).read()
                break
            except OSError:
                if process.poll() is not None or time.time() > deadline:
                    log = work / "error.log"
                    raise RuntimeError(process.stderr.read().decode() + (log.read_text() if log.exists() else ""))
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
