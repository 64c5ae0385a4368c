"""A TinyDB storage that replaces its JSON file atomically and never reads a broken one."""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from tui.storage.errors import StoreError

TEMP_PREFIX = ".supple-"
TEMP_SUFFIX = ".tmp"

# The instants of a write, in order. A writer stopped at any of them leaves the old file
# (up to "temp-synced") or the new one (from "replaced" on), never a mix.
WRITE_STEPS = ("temp-created", "temp-written", "temp-synced", "replaced", "folder-synced")

# A test seam, called with each step's name as a write passes it. Fault-injection tests set
# it to raise, or to kill the process, at one step; in normal runs it is None and costs nothing.
step_hook: Callable[[str], None] | None = None

Tables = dict[str, dict[str, Any]]


def _step(name: str) -> None:
    if step_hook is not None:
        step_hook(name)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable; some systems cannot open folders, which is fine."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def temp_prefix(path: Path) -> str:
    """Temp files carry their target's name, so cleaning up after one file in a shared folder
    never removes another file's write in progress."""
    return f"{TEMP_PREFIX}{path.name}-"


def write_atomically(path: Path, content: str | bytes) -> None:
    """Write a temp file beside `path`, fsync it, rename it over `path`, fsync the folder.

    A crash at any instant leaves either the old file or the new one, never a mix.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=temp_prefix(path), suffix=TEMP_SUFFIX, dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            _step("temp-created")
            handle.write(data)
            handle.flush()
            _step("temp-written")
            # Without this the rename could reach the disk before the data does, and a power
            # cut would leave an empty or partial file under the real name.
            os.fsync(handle.fileno())
            _step("temp-synced")
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    _step("replaced")
    _fsync_folder(folder)
    _step("folder-synced")


def _is_document_id(key: str) -> bool:
    # TinyDB turns ids into ints and back: "01" and "1" would become one document on the
    # next write, so only the canonical spelling is accepted.
    return key.isascii() and key.isdigit() and str(int(key)) == key


def read_json_file(path: Path) -> Tables | None:
    """The file's tables, or None when there is no file yet. Anything else broken raises."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError as error:
        raise StoreError(path, "it is a folder, not a file") from error
    except OSError as error:
        raise StoreError(path, f"it cannot be read ({error.strerror})") from error
    if not raw.strip():
        raise StoreError(path, "the file is empty")
    try:
        data = json.loads(raw)
    except UnicodeDecodeError as error:
        raise StoreError(path, "it is not text (not UTF-8)") from error
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        if error.pos >= len(error.doc.rstrip()) or error.msg.startswith("Unterminated string"):
            # What a write cut short by a crash would look like, had it not been atomic.
            raise StoreError(path, f"it is not valid JSON: it ends too soon ({where})") from error
        raise StoreError(path, f"it is not valid JSON ({where})") from error
    except RecursionError as error:
        raise StoreError(path, "it is JSON nested too deeply to be a Supple database") from error
    if not isinstance(data, dict):
        raise StoreError(path, "it is JSON but not a Supple database (wrong shape)")
    for name, table in data.items():
        if not isinstance(table, dict):
            raise StoreError(path, f"its {name!r} table is not an object (wrong shape)")
        for key, document in table.items():
            if not _is_document_id(key) or not isinstance(document, dict):
                raise StoreError(
                    path, f"its {name!r} table holds {key!r}, which is not a document (wrong shape)"
                )
    return data


class AtomicJSONStorage(Storage):
    """TinyDB's storage interface over `read_json_file` and `write_atomically`."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def read(self) -> Tables | None:
        return read_json_file(self.path)

    def write(self, data: Tables) -> None:
        write_atomically(self.path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))


_LEGACY_TEMP = re.compile(re.escape(TEMP_PREFIX) + r"[a-z0-9_]{8}" + re.escape(TEMP_SUFFIX))


def remove_stale_temp_files(folder: Path, targets: str) -> int:
    """Delete the temp files killed writers left in `folder` on their way to a file whose name
    matches the regex `targets`; they never hold the only copy, since the rename comes last.
    Call it under the lock that writers of those files hold, so none of them is in progress."""
    # mkstemp adds eight characters; matching them exactly keeps the temp files of "a.json"
    # apart from those of "a.json-b" in a shared folder.
    ours = re.compile(
        re.escape(TEMP_PREFIX) + f"(?:{targets})-" + r"[a-z0-9_]{8}" + re.escape(TEMP_SUFFIX)
    )
    try:
        entries = list(folder.iterdir())
    except OSError:
        return 0
    removed = 0
    for leftover in entries:
        # Temp names before they carried their target: only an older Supple wrote those.
        if ours.fullmatch(leftover.name) or _LEGACY_TEMP.fullmatch(leftover.name):
            with contextlib.suppress(OSError):
                leftover.unlink()
                removed += 1
    return removed
