"""Whether a data file's place can be reached and written, checked once before it is opened."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from tui.i18n import N_, _
from tui.storage.errors import StoreError

# The place itself is the problem, not the file: another place is the way out.
ELSEWHERE = N_("Choose a folder you can write to with --db PATH (or SUPPLE_DB).")

_REASONS = {
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("permission denied"),
    errno.EROFS: N_("a read-only file system"),
}


def _nearest_folder(path: Path) -> Path:
    """The nearest folder above `path` that exists: the store creates the rest."""
    folder = path.parent
    while not os.path.lexists(folder) and folder != folder.parent:
        folder = folder.parent
    return folder


# A folder the person may not enter: letting them in is the way out as much as another place.
LET_IN = N_(
    "Give yourself search (x) permission on that folder, "
    "or name another file with --db PATH (or SUPPLE_DB)."
)


def _cannot_enter(path: Path, folder: Path, reading_only: bool) -> StoreError:
    """A folder on the way has no search (x) permission for this person: nothing in it can be
    read or written, and a reading command must not be told it is about writing."""
    problem = (
        # Translators: {folder} is a folder on the way to the data file.
        _("{folder} cannot be entered (permission denied), so the file cannot be read")
        if reading_only
        # Translators: {folder} is a folder on the way to the data file.
        else _(
            "{folder} cannot be entered (permission denied), so the file can be neither read "
            "nor written"
        )
    )
    return StoreError(path, problem.format(folder=folder), LET_IN)


def _cannot(path: Path, folder: Path, error: OSError | None) -> StoreError:
    reason = _REASONS.get(error.errno or 0) if error is not None else None
    problem = (
        # Translators: {folder} is a folder; {reason} why, such as "permission denied".
        _("{folder} cannot be written ({reason})").format(folder=folder, reason=_(reason))
        if reason
        else _("{folder} cannot be written").format(folder=folder)
    )
    return StoreError(path, problem, ELSEWHERE)


def check_place(path: Path, *, reading_only: bool = False) -> None:
    """Raise StoreError (one line) when Supple could not keep its data at `path`.

    Writing needs a folder where a new file can be made (every save writes a temporary file
    beside the data file and renames it over). A command that only reads an existing file
    needs no more than that file. Tried for real, with a temporary file made and removed:
    permission bits say nothing on /proc, a read-only mount, or to root.
    """
    try:
        os.stat(path)
        exists = True
    except FileNotFoundError:
        exists = False
    except NotADirectoryError:
        raise StoreError(
            path, _("a part of that path is a file, not a folder"), ELSEWHERE
        ) from None
    except PermissionError:
        # The nearest folder that can be seen is the one that does not let the person in.
        raise _cannot_enter(path, _nearest_folder(path), reading_only) from None
    except OSError:
        exists = True  # a loop or the like: the store says exactly what is wrong
    if exists and reading_only:
        return
    folder = _nearest_folder(path)
    if not folder.is_dir():
        raise StoreError(path, _("{folder} is not a folder").format(folder=folder), ELSEWHERE)
    try:
        handle, probe = tempfile.mkstemp(prefix=".supple-probe-", dir=folder)
    except OSError as error:
        raise _cannot(path, folder, error) from None
    os.close(handle)
    os.unlink(probe)
