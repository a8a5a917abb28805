"""Walking an input folder: the files to read in a stable order, and why each other entry is passed over."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

LINKED_FOLDER = "a link to a folder, not followed (it could loop); move or copy the folder in"
FILE_TYPES = {
    stat.S_IFIFO: "a named pipe",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFDIR: "a folder",
}


def walk(root: Path, *, skip: Callable[[Path, str, bool], None]) -> Iterator[Path]:
    """Files under ``root`` in a stable order; ``skip(path, reason, folder)`` hears of the rest.

    Hidden files and folders are skipped. So are links that lead out of the input folder
    (the folder is what the user chose to share), that loop or lead nowhere, and links to
    files the walk reads anyway (each file's records count once). A link to a file that
    is only inside a hidden folder is read, under the link's name. Links to folders are
    not followed: a folder linked into itself would never end.
    """
    if not root.is_dir():
        yield root
        return

    def unreadable(error: OSError) -> None:
        where = Path(error.filename) if error.filename else root
        skip(where, f"folder cannot be read ({error.strerror})", True)

    inside = Path(os.path.realpath(root))
    for folder, dirs, files in os.walk(root, onerror=unreadable):
        here = Path(folder)
        links = {name for name in dirs if (here / name).is_symlink()}
        for name in sorted(dirs):
            if name.startswith("."):
                skip(here / name, "hidden folder", True)
            elif name in links:
                skip(here / name, LINKED_FOLDER, True)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in links)
        for name in sorted(files):
            path = here / name
            if name.startswith("."):
                skip(path, "hidden file", False)
            elif path.is_symlink() and (reason := link_reason(path, inside)):
                skip(path, reason, False)
            else:
                yield path


def size_of(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # said when the file is read


def link_reason(path: Path, inside: Path) -> str | None:
    """Why a link to a file is not read, or None when it is."""
    try:
        target = Path(os.path.realpath(path, strict=True))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a link that loops back on itself"
        return f"a link to {path.readlink()}, which does not exist"
    if not target.is_relative_to(inside):
        return f"a link to {target}, outside the input folder; copy the file in to read it"
    within = target.relative_to(inside)
    if not any(part.startswith(".") for part in within.parts):
        return f"a link to {within.as_posix()}, which is read itself"
    return None


def os_reason(exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"cannot be read ({exc.strerror}); check the file's permissions"
    return f"cannot be read ({exc.strerror or exc})"
