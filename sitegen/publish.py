"""Putting a finished site in place so that the name `site` always holds a whole site.

Each build works in its own `.build-*` folder beside the output. When everything has
succeeded, `site` becomes a symbolic link to the new site in that folder, switched by one
rename (atomic: whoever opens `site` sees the old site or the new one, never neither),
and only then is the previous build's folder removed. A build killed at any moment
leaves the last good site in place, and its own folder behind; the next build removes
such folders (those no running build holds: each build keeps a lock on its folder
while it runs, and a killed process loses its lock).

The one moment without `site` is the first build over a plain folder (before the
link): that folder is moved aside and the link put in its place, two renames.
"""
from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
import time
from pathlib import Path

PREFIX = ".build-"
_LOCK = ".lock"


class WorkFolder:
    """A fresh `.build-*` folder beside `site`, held by this process until `close`."""

    def __init__(self, site: Path):
        remove_stale(site)
        self.path = Path(tempfile.mkdtemp(prefix=PREFIX, dir=site.parent))
        self.path.chmod(0o755)   # mkdtemp's 0700 would hide the site from the web server's user
        self._lock = os.open(self.path / _LOCK, os.O_CREAT | os.O_RDWR, 0o644)
        fcntl.flock(self._lock, fcntl.LOCK_EX)

    def close(self, *, keep: str | None = None) -> None:
        """Remove the folder, or all of it but `keep` (the site now linked), and let go."""
        if keep is None:
            shutil.rmtree(self.path, ignore_errors=True)
        else:
            for item in self.path.iterdir():
                if item.name in (keep, _LOCK):
                    continue
                if item.is_dir() and not item.is_symlink():
                    shutil.rmtree(item, ignore_errors=True)
                else:
                    item.unlink()
        os.close(self._lock)


def switch(new_site: Path, site: Path) -> None:
    """Make `site` a link to `new_site` (inside a `.build-*` folder beside it) in one rename;
    then remove the build folder the link pointed to before."""
    old = linked_folder(site)
    link = new_site.parent / "link"
    os.symlink(os.path.relpath(new_site, site.parent), link)
    plain = site.is_dir() and not site.is_symlink()   # a plain folder: from before links, once
    if plain:
        os.rename(site, new_site.parent / "old-site")
    _pause("before-switch")
    try:
        os.replace(link, site)
    except OSError:
        if plain:
            os.rename(new_site.parent / "old-site", site)
        raise
    _pause("after-switch")
    if old is not None and old != new_site.parent:
        shutil.rmtree(old, ignore_errors=True)


def linked_folder(site: Path) -> Path | None:
    """The `.build-*` folder whose site `site` links to, if it is such a link."""
    if not site.is_symlink():
        return None
    target = Path(os.path.normpath(site.parent / os.readlink(site)))
    return target.parent if target.parent.parent == site.parent and target.parent.name.startswith(PREFIX) else None


def remove_stale(site: Path) -> None:
    """Remove the `.build-*` folders beside `site` left by killed builds: every one that
    `site` does not link to and that no running build holds."""
    live = linked_folder(site)
    for folder in site.parent.glob(PREFIX + "*"):
        if folder != live and folder.is_dir() and not folder.is_symlink() and not _held(folder):
            shutil.rmtree(folder, ignore_errors=True)


def _held(folder: Path) -> bool:
    try:
        handle = os.open(folder / _LOCK, os.O_RDWR)
    except OSError:
        return False   # no lock: killed before it took one
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return False
    except OSError:
        return True
    finally:
        os.close(handle)


def _pause(moment: str) -> None:
    """For tests/test_build_killed.py, which kills a build at this moment: BUILD_PAUSE_AT=moment."""
    if os.environ.get("BUILD_PAUSE_AT") == moment:
        print(f"paused at {moment}", flush=True)
        time.sleep(600)
