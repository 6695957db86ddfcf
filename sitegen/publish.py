"""Putting a finished site in place so that the name `site` always holds a whole site.

Each build works in its own `.build-*` folder beside the output. When everything has
succeeded, `site` becomes a symbolic link to the new site in that folder, switched by one
rename (atomic: whoever opens `site` sees the old site or the new one, never neither),
and only then is the previous build's folder removed. A build killed at any moment
leaves the last good site in place, and its own folder behind; the next build of the
same output removes such folders (those no running build holds: each build keeps a lock
on its folder while it runs, and a killed process loses its lock).

Several outputs may live side by side in one folder (`sites/kyoto`, `sites/saga`; a
staging and a live site). So every build folder carries the name of the output it
belongs to, `.build-<output>.<random>`, and a build only ever removes folders of its own
output: never another output's, live or left over, and never one that any link beside
it points into. Folders named by earlier versions (`.build-<random>`, no owner) are
removed only when no link points into them and no build holds them: they can then only
be leftovers.

The one moment without `site` is the first build over a plain folder (before the
link): that folder is moved aside and the link put in its place, two renames.
`refusal` keeps that step from ever swallowing a folder that is not a site.
"""
from __future__ import annotations

import fcntl
import hashlib
import os
import secrets
import shutil
import time
from pathlib import Path

PREFIX = ".build-"
_LOCK = ".lock"
# A folder this young without its lock file may be a build that has just made it and is
# about to lock it (two system calls apart); it is left alone until it is older.
_STARTING_SECONDS = 60
# What a site made by mkdocs always holds: a plain folder without these is not a site.
_SITE_FILES = ("index.html", "sitemap.xml")


class WorkFolder:
    """A fresh `.build-<output>.<random>` folder beside `site`, held by this process until `close`."""

    def __init__(self, site: Path):
        remove_stale(site)
        while True:
            path = site.parent / f"{PREFIX}{owner_tag(site)}.{secrets.token_hex(4)}"
            try:
                os.mkdir(path)
                break
            except FileExistsError:
                continue
        self.path = path
        self.path.chmod(0o755)   # readable by the web server's user, whatever the umask
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


def owner_tag(site: Path) -> str:
    """How the build folders of the output `site` are named: its own name, or for a very
    long one (a folder name has at most 255 bytes) its start and a digest of the whole."""
    name = site.name
    if len(name.encode("utf-8", "surrogateescape")) <= 100:
        return name
    digest = hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return f"{name[:30]}~{digest}"


def owner_of(folder: Path) -> str | None:
    """The owner tag in a build folder's name; None for a name from before owners were
    recorded (`.build-` and eight random characters, no dot)."""
    owner, dot, _ = folder.name[len(PREFIX):].rpartition(".")
    return owner if dot and owner else None


def refusal(site: Path) -> str | None:
    """Why `site` must not be made a link to a new site, or None when it may.

    A plain folder there is replaced by the link (and removed), which is right for the
    `site/` folder an earlier version built, and wrong for anything else: a typo in
    `--site-dir` must never delete someone's folder. Returns `not_a_site_folder`,
    `not_a_folder` (a file is there) or `holds_sources` (it holds this repository)."""
    if site.is_symlink():
        return None   # a link (ours, dangling, or someone's): replacing it loses nothing it points to
    if not site.exists():
        return None
    if not site.is_dir():
        return "not_a_folder"
    here = Path(__file__).resolve().parent.parent
    if here == site.resolve() or site.resolve() in here.parents:
        return "holds_sources"
    if any(site.iterdir()) and not all((site / name).is_file() for name in _SITE_FILES):
        return "not_a_site_folder"
    return None


def switch(new_site: Path, site: Path) -> None:
    """Make `site` a link to `new_site` (inside a `.build-*` folder beside it) in one rename;
    then remove the build folder the link pointed to before, if it was this output's."""
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
    if (old is not None and old != new_site.parent and owner_of(old) in (owner_tag(site), None)
            and old not in _linked_folders(site.parent)):
        shutil.rmtree(old, ignore_errors=True)


def linked_folder(site: Path) -> Path | None:
    """The `.build-*` folder whose site `site` links to, if it is such a link."""
    if not site.is_symlink():
        return None
    try:
        target = Path(os.path.normpath(site.parent / os.readlink(site)))
    except OSError:
        return None
    return target.parent if target.parent.parent == site.parent and target.parent.name.startswith(PREFIX) else None


def remove_stale(site: Path) -> None:
    """Remove the `.build-*` folders beside `site` left by killed builds of `site`: those
    named for it that no link points into and no running build holds (and, of the
    ownerless ones of earlier versions, the same)."""
    tag = owner_tag(site)
    live = _linked_folders(site.parent)
    for folder in site.parent.glob(PREFIX + "*"):
        if owner_of(folder) not in (tag, None) or folder in live:
            continue
        if folder.is_dir() and not folder.is_symlink() and not _held(folder):
            shutil.rmtree(folder, ignore_errors=True)


def _linked_folders(parent: Path) -> set[Path]:
    """Every `.build-*` folder in `parent` that a link in `parent` points into: the live
    folder of each output there."""
    found = set()
    for entry in parent.iterdir():
        folder = linked_folder(entry) if entry.is_symlink() else None
        if folder is not None:
            found.add(folder)
    return found


def _held(folder: Path) -> bool:
    try:
        handle = os.open(folder / _LOCK, os.O_RDWR)
    except OSError:   # no lock: killed before it took one, or just starting
        try:
            return time.time() - folder.stat().st_mtime < _STARTING_SECONDS
        except OSError:
            return False
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return False
    except OSError:
        return True
    finally:
        os.close(handle)


def _pause(moment: str) -> None:
    """For tests/hosting/test_build_killed.py, which kills a build at this moment: BUILD_PAUSE_AT=moment."""
    if os.environ.get("BUILD_PAUSE_AT") == moment:
        print(f"paused at {moment}", flush=True)
        time.sleep(600)
