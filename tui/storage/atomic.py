"""A TinyDB storage that replaces its JSON file atomically and never reads a broken one."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from tui.storage.errors import StoreError

TEMP_PREFIX = ".supple-"
TEMP_SUFFIX = ".tmp"


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


def write_atomically(path: Path, text: str) -> None:
    """Write a temp file beside `path`, fsync it, rename it over `path`, fsync the folder.

    A crash at any instant leaves either the old file or the new one, never a mix.
    """
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    _fsync_folder(folder)


def read_json_file(path: Path) -> dict[str, Any] | None:
    """The file's tables, or None when there is no file yet. Anything else broken raises."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise StoreError(path, f"it cannot be read ({error.strerror})") from error
    if not raw.strip():
        raise StoreError(path, "the file is empty")
    try:
        data = json.loads(raw)
    except UnicodeDecodeError as error:
        raise StoreError(path, "it is not text (not UTF-8)") from error
    except json.JSONDecodeError as error:
        raise StoreError(
            path, f"it is not valid JSON (line {error.lineno}, column {error.colno})"
        ) from error
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise StoreError(path, "it is JSON but not a Supple database (wrong shape)")
    return data


class AtomicJSONStorage(Storage):
    """TinyDB's storage interface over `read_json_file` and `write_atomically`."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def read(self) -> dict[str, dict[str, Any]] | None:
        return read_json_file(self.path)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        write_atomically(self.path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def remove_stale_temp_files(folder: Path) -> int:
    """Delete temp files a killed writer left behind; they never hold the only copy."""
    removed = 0
    for leftover in folder.glob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            leftover.unlink()
            removed += 1
    return removed
