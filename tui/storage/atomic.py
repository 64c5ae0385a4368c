"""Files replaced atomically and read strictly: a crash never leaves a broken file, and a
broken one is never read as if it were whole."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import stat
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from tui.i18n import N_, _, ngettext
from tui.storage.errors import NOT_A_FILE, RETRY, StoreError

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


def resolve_target(path: Path) -> Path:
    """The file a write of `path` replaces: a symlink's final target, so a data file linked in
    from a synced folder stays a link, and the lock and temp files live beside the real file.
    A symlink loop resolves to itself; reading or writing it is then refused in one line."""
    return Path(os.path.realpath(path))


def _not_regular(mode: int) -> str:
    """Why a path that is not a regular file cannot be used: what it is instead."""
    if stat.S_ISDIR(mode):
        return _("it is a folder, not a regular file")
    if stat.S_ISFIFO(mode):
        return _("it is a named pipe (FIFO), not a regular file")
    if stat.S_ISSOCK(mode):
        return _("it is a socket, not a regular file")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("it is a device, not a regular file")
    return _("it is something else, not a regular file")


NO_READ = N_(
    "Nothing was read or written; run Supple as the file's owner or give it read permission, "
    "or name another file with --db PATH (or SUPPLE_DB)."
)


def not_a_file(path: Path, mode: int) -> StoreError:
    """The refusal of a path that is there but is not a regular file: nothing to restore."""
    return StoreError(path, _not_regular(mode), NOT_A_FILE)


def file_status(path: Path) -> os.stat_result | None:
    """The file's status (following symlinks), or None when there is no file yet. Anything
    that is there but is not a regular file is refused, and never opened: opening a FIFO
    for reading would wait forever for a writer."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return None
    except PermissionError as error:
        raise StoreError(
            path, _("it cannot be reached (a folder on its way does not let you in)"), RETRY
        ) from error
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise StoreError(path, _("it is a loop of symbolic links")) from error
        if error.errno == errno.ENOTDIR:
            raise StoreError(path, _("a part of its path is a file, not a folder")) from error
        # Translators: {reason} is the system's own words, such as "No space left on device".
        raise StoreError(
            path, _("it cannot be reached ({reason})").format(reason=error.strerror)
        ) from error
    if not stat.S_ISREG(status.st_mode):
        raise not_a_file(path, status.st_mode)
    return status


_TEMP_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789_"


def _create_temp(folder: Path, prefix: str, mode: int) -> tuple[int, str]:
    """A new temp file, like mkstemp's (eight letters from its alphabet, so the tidying up
    finds it) but created with `mode`, which the umask then narrows as for any new file."""
    for _attempt in range(100):
        # os.urandom, not `secrets`: the name need only be unlikely to clash, and importing
        # `secrets` (hashlib, hmac) cost every start a few milliseconds.
        name = "".join(_TEMP_LETTERS[byte % len(_TEMP_LETTERS)] for byte in os.urandom(8))
        temp_name = str(folder / f"{prefix}{name}{TEMP_SUFFIX}")
        try:
            return os.open(temp_name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode), temp_name
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temp file name", str(folder))


def write_atomically(path: Path, content: str | bytes | Iterable[str]) -> None:
    """Write a temp file beside `path`, fsync it, rename it over `path`, fsync the folder.

    A crash at any instant leaves either the old file or the new one, never a mix. A symlink
    is written through (its target is replaced, the link stays); the file keeps its mode and,
    where allowed, its owner. A file made read-only, or anything that is not a regular file,
    is refused with StoreError and left alone.

    `content` may be an iterable of text chunks (an export made a year at a time): they are
    written as they come, so the whole text is never held at once. Should the iterable raise,
    the temp file is removed and the old file stays, as for any failed write.
    """
    chunks: Iterable[bytes]
    if isinstance(content, str):
        chunks = (content.encode("utf-8"),)
    elif isinstance(content, bytes):
        chunks = (content,)
    else:
        chunks = (chunk.encode("utf-8") for chunk in content)
    target = resolve_target(path)
    try:
        status: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        status = None
    # Anything else (a folder on the way that is a file, no permission) is the OSError the
    # callers already say plainly; what follows are refusals of what a person made.
    if status is not None and not stat.S_ISREG(status.st_mode):
        # Not the data file alone (backups, exports): no advice about --db here.
        raise StoreError(target, _not_regular(status.st_mode), RETRY)
    if status is not None and not status.st_mode & 0o222:
        raise StoreError(
            target,
            _("it is read-only, so Supple will not replace it"),
            # Translators: `chmod u+w {path}` is a command: keep it.
            _(
                "Nothing was written; make it writable (chmod u+w {path}) to let Supple save."
            ).format(path=target),
        )
    if status is not None and not os.access(target, os.W_OK):
        # Writable by its owner, not by this person: replacing it through the folder would
        # take it from its owner.
        raise StoreError(
            target,
            _("you may not write it (permission denied), so Supple will not replace it"),
            _("Nothing was written; run Supple as the file's owner, or choose another with --db."),
        )
    folder = target.parent
    folder.mkdir(parents=True, exist_ok=True)
    # A new file gets the usual 0666-less-umask; an existing one keeps its own mode below.
    fd, temp_name = _create_temp(folder, temp_prefix(target), 0o666 if status is None else 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            if status is not None:
                os.fchmod(handle.fileno(), stat.S_IMODE(status.st_mode))
                if status.st_uid != os.geteuid() or status.st_gid != os.getegid():
                    # Only root may give a file away; anyone else keeps their own ownership.
                    with contextlib.suppress(OSError):
                        os.fchown(handle.fileno(), status.st_uid, status.st_gid)
            _step("temp-created")
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            _step("temp-written")
            # Without this the rename could reach the disk before the data does, and a power
            # cut would leave an empty or partial file under the real name.
            os.fsync(handle.fileno())
            _step("temp-synced")
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    _step("replaced")
    _fsync_folder(folder)
    _step("folder-synced")


# More digits than any table could ever number, and few enough for int() to read at once
# (Python refuses more than 4,300 digits with an error of its own).
MAX_ID_DIGITS = 18


def _is_document_id(key: str) -> bool:
    # TinyDB turns ids into ints and back: "01" and "1" would become one document on the
    # next write, so only the canonical spelling is accepted.
    if not (key.isascii() and key.isdigit()) or len(key) > MAX_ID_DIGITS:
        return False
    return str(int(key)) == key


class _DuplicateKey(ValueError):
    pass


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # Python's json keeps the last of two equal keys and drops the other without a word; the
    # next write would then lose the dropped document for good.
    document = dict(pairs)
    if len(document) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return document


# A \ud800-\udfff escape: a surrogate, valid only in a pair that spells one character.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


def _writable_back(data: Any) -> bool:
    """Whether the parsed data can be written back as UTF-8: a lone surrogate reads fine but
    makes every later save fail, so such a file is refused up front like any damage."""
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def parse_json(raw: bytes) -> Any:
    """Parse JSON as Supple reads every file: duplicate keys refused (ValueError), and any
    number, nesting or escape Python cannot handle raised as ValueError or RecursionError."""
    return json.loads(raw, object_pairs_hook=_unique_keys)


class UnreadableJSON(ValueError):
    """A file that cannot be read as JSON safely; the message is one line saying why."""


def read_json_bytes(path: Path) -> bytes | None:
    """The bytes of a regular file, or None when there is none; UnreadableJSON otherwise. A
    FIFO, a device or a folder is refused (StoreError) without being opened for reading."""
    if file_status(path) is None:
        return None
    try:
        # O_NONBLOCK: should the file have become a FIFO since the check, the open does not
        # wait for a writer; the check after the open then refuses it.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        return None
    except PermissionError as error:
        # Nothing is damaged: the person may not read it, so a backup is no help.
        raise StoreError(path, _("it cannot be read (permission denied)"), NO_READ) from error
    except OSError as error:
        raise UnreadableJSON(cannot_read(error)) from error
    try:
        with os.fdopen(fd, "rb") as handle:
            mode = os.fstat(handle.fileno()).st_mode
            if not stat.S_ISREG(mode):
                raise not_a_file(path, mode)
            return handle.read()
    except OSError as error:
        raise UnreadableJSON(cannot_read(error)) from error


def cannot_read(error: OSError) -> str:
    # Translators: {reason} is the system's own words, such as "Input/output error".
    return _("it cannot be read ({reason})").format(reason=error.strerror)


def parse_json_bytes(raw: bytes) -> Any:
    """JSON as Supple reads every file, or UnreadableJSON naming the first problem: not UTF-8,
    not JSON, a key twice in one object, a number too long, nesting too deep, or a lone
    surrogate escape (which reads fine but could never be written back)."""
    if not raw.strip():
        raise UnreadableJSON(_("the file is empty"))
    try:
        data = parse_json(raw)
    except UnicodeDecodeError as error:
        raise UnreadableJSON(_("it is not text (not UTF-8)")) from error
    except json.JSONDecodeError as error:
        where = {"line": error.lineno, "column": error.colno}
        if error.pos >= len(error.doc.rstrip()) or error.msg.startswith("Unterminated string"):
            # What a write cut short by a crash would look like, had it not been atomic.
            raise UnreadableJSON(
                # Translators: {line} and {column} say where in the file the JSON stops.
                _("it is not valid JSON: it ends too soon (line {line}, column {column})").format(
                    **where
                )
            ) from error
        raise UnreadableJSON(
            # Translators: {line} and {column} say where in the file the JSON goes wrong.
            _("it is not valid JSON (line {line}, column {column})").format(**where)
        ) from error
    except _DuplicateKey as error:
        raise UnreadableJSON(
            # Translators: {key} is the key that is there twice, quoted.
            _("it holds the key {key} twice in one object").format(key=repr(str(error)[:40]))
        ) from error
    except ValueError as error:
        # Python refuses integers of more than 4300 digits rather than spend minutes on them.
        raise UnreadableJSON(_("it holds a number too long to be read")) from error
    except RecursionError as error:
        raise UnreadableJSON(_("it is JSON nested too deeply to be a Supple file")) from error
    if _SURROGATE_ESCAPE.search(raw) and not _writable_back(data):
        raise UnreadableJSON(
            # Translators: \\u is JSON's escape of a character by its number: keep it.
            _("it holds a \\u escape that is not a character (a lone surrogate)")
        )
    return data


def read_json_file(path: Path) -> Tables | None:
    """The file's tables, or None when there is no file yet. Anything else broken raises."""
    try:
        raw = read_json_bytes(path)
        if raw is None:
            return None
        data = parse_json_bytes(raw)
    except UnreadableJSON as error:
        raise StoreError(path, str(error)) from error
    if not isinstance(data, dict):
        raise StoreError(path, _("it is JSON but not a Supple database (wrong shape)"))
    if data.get("format") == "supple-export":
        raise StoreError(
            path,
            _("it is an export, not a database file"),
            # Translators: `supple import PATH` is a command: keep it.
            _("It was left exactly as it was; bring it in with `supple import PATH`."),
        )
    for name, table in data.items():
        if not isinstance(table, dict):
            # Translators: {name} is the name of a table in the file, quoted.
            words = _("its {name} table is not an object (wrong shape)")
            raise StoreError(path, words.format(name=repr(name)))
        for key, document in table.items():
            if not _is_document_id(key) or not isinstance(document, dict):
                # Translators: a long key cut short: {start} is its first 20 characters.
                cut = ngettext(
                    "{start}… ({count} character)", "{start}… ({count} characters)", len(key)
                )
                shown = key if len(key) <= 24 else cut.format(start=key[:20], count=len(key))
                raise StoreError(
                    path,
                    # Translators: {name} is a table's name, {key} what it holds, both quoted.
                    _("its {name} table holds {key}, which is not a document (wrong shape)").format(
                        name=repr(name[:40]), key=repr(shown)
                    ),
                )
    return data


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
