"""What the operating system refused, in Japanese, with the path: for the command lines'
output (a read-only or full disk, a folder that is not there, a port in use).

A message names the path the system names, so staff know where to look; a copy names
its source first and its target second, and a full or read-only disk is the target's.
CPython only (not in the browser's package).
"""
from __future__ import annotations

import errno
import re
import shutil

MESSAGE = "「{path}」を読み書きできませんでした（{reason}）。"
# Why, by errno.
REASONS = {
    errno.ENOSPC: "ディスクの空きがありません",
    errno.EDQUOT: "ディスクの使用量の上限に達しました",
    errno.EROFS: "読み取り専用の場所です",
    errno.EACCES: "書き込む権限がありません",
    errno.EPERM: "書き込む権限がありません",
    errno.ENOENT: "フォルダがありません",
    errno.ENOTDIR: "途中にフォルダでないものがあります",
    errno.EISDIR: "フォルダです",
    errno.EFBIG: "ファイルが大きすぎます",
    errno.ENAMETOOLONG: "名前が長すぎます",
    errno.EIO: "ディスクの読み書きに失敗しました",
    errno.EADDRINUSE: "そのポートはほかのプログラムが使っています",
}


def describe(exc: OSError, path=None) -> str:
    """「<path>」を読み書きできませんでした（<reason>）: the path the system names, else `path`."""
    copied = _copy_failure(exc)
    where = exc.filename or exc.filename2
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EFBIG) and exc.filename2:
        where = exc.filename2
    return MESSAGE.format(path=(copied[0] if copied else where) or path or "", reason=reason(exc))


def reason(exc: OSError) -> str:
    """Why the operating system refused, in Japanese (by errno)."""
    copied = _copy_failure(exc)
    number = copied[1] if copied else exc.errno
    return REASONS.get(number) or f"OSのエラー {errno.errorcode.get(number, number)}"


def _copy_failure(exc: OSError) -> tuple[str, int | None] | None:
    """shutil.copytree's first failure as (its target, its errno); None for other errors."""
    if isinstance(exc, shutil.Error) and exc.args and isinstance(exc.args[0], list) and exc.args[0]:
        _, target, why = exc.args[0][0]
        found = re.search(r"\[Errno (\d+)\]", str(why))
        return target, int(found.group(1)) if found else None
    return None
