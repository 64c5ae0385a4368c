"""This computer's identity and its own folders: what never goes in a synced data folder.

A history may sit in a folder that Syncthing, Dropbox, Nextcloud or git copies between
computers. Each computer ("machine") writes its sessions to files of its own, named by a
random id it keeps here, in its state folder, never in the synced one (a copied state folder
would make two computers one). Locks and caches are this machine's business too, so they live
in its state and cache folders: `SUPPLE_STATE` / `SUPPLE_CACHE` move them, and so do the XDG
variables (platformdirs), which is how tests run two "machines" on one computer.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from typing import NamedTuple

from tui.i18n import _
from tui.storage.errors import StoreError

APP_NAME = "supple"
STATE_ENV = "SUPPLE_STATE"
CACHE_ENV = "SUPPLE_CACHE"
IDENTITY = "machine.json"
# Ids are what machine folders are named: short, lower case, safe on every file system.
ID_PATTERN = re.compile(r"[a-z2-7]{12}")
_ID_LETTERS = "abcdefghijklmnopqrstuvwxyz234567"
NAME_MAX = 40


class Machine(NamedTuple):
    """This computer as the history knows it: `id` names its folder; `name` is for people."""

    id: str
    name: str


def _xdg(variable: str, default: str) -> Path | None:
    """On Linux, the folder platformdirs gives, worked out as it does (the XDG variable, else
    its default under the home folder): importing platformdirs costs every start 7 ms, and
    these are read before the first frame. None elsewhere: platformdirs knows those."""
    if not sys.platform.startswith("linux"):
        return None
    given = os.environ.get(variable, "").strip()
    return Path(given if given else os.path.expanduser(default)) / APP_NAME


def _folder(override_env: str, xdg: str, default: str, kind: str) -> Path:
    """`override_env` if set; else the XDG folder on Linux; else platformdirs' `kind`."""
    override = os.environ.get(override_env)
    if override:
        return Path(override).expanduser()
    found = _xdg(xdg, default)
    if found is not None:
        return found
    import platformdirs

    path: Path = getattr(platformdirs, f"user_{kind}_path")(APP_NAME)
    return path


def state_folder() -> Path:
    """Where this machine keeps its identity and its locks."""
    return _folder(STATE_ENV, "XDG_STATE_HOME", "~/.local/state", "state")


def cache_folder() -> Path:
    """Where this machine keeps what it can always work out again (the history's summary)."""
    return _folder(CACHE_ENV, "XDG_CACHE_HOME", "~/.cache", "cache")


def _new_id() -> str:
    # 60 random bits: two computers sharing one history never draw the same id.
    return "".join(_ID_LETTERS[byte % 32] for byte in os.urandom(12))


def _clean_name(name: object) -> str | None:
    if not isinstance(name, str):
        return None
    name = " ".join(name.split())[:NAME_MAX]
    return name if name.isprintable() and name else None


def _read(path: Path) -> Machine | None:
    try:
        document = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(document, dict):
        return None
    machine_id, name = document.get("id"), _clean_name(document.get("name"))
    if not isinstance(machine_id, str) or not ID_PATTERN.fullmatch(machine_id) or name is None:
        return None
    return Machine(machine_id, name)


def _write(path: Path, machine: Machine) -> None:
    from tui.storage.atomic import write_atomically

    text = json.dumps({"id": machine.id, "name": machine.name}, ensure_ascii=False)
    write_atomically(path, text + "\n")


def current(*, create: bool = True) -> Machine | None:
    """This machine; made (and kept) on first use when `create`, else None until it is. A
    damaged identity file is replaced: it names no data, only which folder is this one's."""
    path = state_folder() / IDENTITY
    found = _read(path)
    if found is not None or not create:
        return found
    import socket  # here: only a first write on a new computer names it

    name = _clean_name(socket.gethostname()) or "this computer"
    machine = Machine(_new_id(), name)
    try:
        _write(path, machine)
    except (OSError, StoreError) as error:
        problem = error.problem if isinstance(error, StoreError) else error.strerror
        raise StoreError(
            path,
            # Translators: {folder} is a folder; {problem} why nothing can be written there.
            _("this computer's identity cannot be kept in {folder} ({problem})").format(
                folder=path.parent, problem=problem
            ),
            # Translators: {variable} is an environment variable's name: keep it.
            _(
                "The file was left as it was, whole; try again once that is sorted out. "
                "Or point {variable} at a folder you can write."
            ).format(variable=STATE_ENV),
        ) from error
    return machine


def rename(name: str) -> Machine:
    """Give this machine a name people recognise (in `supple status`); its id stays."""
    clean = _clean_name(name)
    if clean is None:
        raise ValueError(
            _("a machine's name is printable text of 1 to {most} characters").format(most=NAME_MAX)
        )
    machine = current()
    assert machine is not None
    renamed = machine._replace(name=clean)
    _write(state_folder() / IDENTITY, renamed)
    return renamed


def local_key(db: Path) -> str:
    """A file name for things this machine keeps about the database at `db` (its locks):
    the path spelled out, so two databases never share one, and a person can tell whose."""
    text = str(db).strip("/").replace("%", "%25").replace("/", "%2F")
    if len(text) > 180:
        # Too long for one file name: the end (the most telling part) and a checksum.
        import zlib

        text = f"{zlib.crc32(text.encode()):08x}-{text[-160:]}"
    return text
