"""The export file: what `supple export` writes and `supple import` accepts, checked strictly."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from tui.domain.history import HistorySettings, MarkKind, SessionFacts, countable_day
from tui.domain.routine import Routine
from tui.domain.routine_edit import EditError, validate_routine
from tui.domain.text_safety import control_problem, spreadsheet_cell
from tui.domain.time_held import seconds_held

FORMAT_NAME = "supple-export"
# 2: "kind", "db" and the "deleted" list (tombstones) in the header, one session a line.
# Version 1 files (every session indented over many lines) are still read.
FORMAT_VERSION = 2
EXPORT_KIND = "export"
TOMBSTONE_KEYS = ("id", "started_at", "updated_at", "deleted")

SESSION_KEYS = ("id", "started_at", "ended_at", "routine", "completed", "speed", "steps")
# Optional (rules.md §3): null when not given; a checked session always has them.
OPTIONAL_SESSION_KEYS = ("stiffness_before", "stiffness_after", "note")
STIFFNESS_RANGE = (0, 10)
NOTE_MAX_CHARS = 500
STEP_KEYS = ("name", "side", "unit", "planned", "done", "status")
SETTING_KEYS = ("day_starts_at", "week_starts_on", "weekly_goal")

CSV_COLUMNS = (
    "id",
    "started_at",
    "ended_at",
    "routine",
    "completed",
    "speed",
    "practice",
    "steps",
    "steps_done",
    "steps_partial",
    "steps_skipped",
    "seconds_held",
    "stiffness_before",
    "stiffness_after",
    "note",
)


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


class ExportError(ValueError):
    """A file that is not a Supple export; the message is one line naming the first problem."""


@dataclass
class ExportData:
    """A checked export: every session and mark is well formed."""

    sessions: list[dict[str, Any]] = field(default_factory=list)
    marks: dict[date, MarkKind] = field(default_factory=dict)
    routine: Routine | None = None
    settings: dict[str, Any] = field(default_factory=dict)
    # Tombstones of deleted sessions, so a deletion reaches the database it is imported into.
    deleted: list[dict[str, Any]] = field(default_factory=list)


def export_header(
    marks: dict[date, MarkKind],
    routine: Routine,
    settings: dict[str, Any],
    db: str | None = None,
) -> dict[str, Any]:
    """Everything of an export but its "deleted" and "sessions" lists, in the order written."""
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "kind": EXPORT_KIND,
        "db": db,
        "routine": routine.to_dict(),
        "settings": settings,
        "marks": [{"date": d.isoformat(), "kind": k.value} for d, k in sorted(marks.items())],
    }


def build_export(
    sessions: list[dict[str, Any]],
    marks: dict[date, MarkKind],
    routine: Routine,
    settings: dict[str, Any],
    *,
    db: str | None = None,
    deleted: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The JSON document of an export held whole (the app's "Export history"); `supple
    export` writes the same document a session a line. `parse_export` reads either back."""
    return {
        **export_header(marks, routine, settings, db),
        "deleted": list(deleted or []),
        "sessions": sessions,
    }


def _check_step(step: Any, where: str) -> None:
    if not isinstance(step, dict):
        raise ExportError(f"{where} is not an object")
    missing = [k for k in STEP_KEYS if k not in step]
    if missing:
        raise ExportError(f"{where} lacks {', '.join(missing)}")
    if step["unit"] not in ("s", "reps") or step["status"] not in ("done", "partial", "skipped"):
        raise ExportError(f"{where} has an unknown unit or status")
    if step["side"] not in ("left", "right", None):
        raise ExportError(f"{where} has an unknown side")
    for key in ("planned", "done"):
        value = step[key]
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise ExportError(f"{where} has a bad {key}")


_STEP_KEY_SET = frozenset(STEP_KEYS)


def _steps_fine(steps: list[Any]) -> bool:
    """`_check_step`'s verdict for steps as JSON gives them, in one quick loop: an import or
    an export checks a million steps. False sends them through `_check_step`, which names the
    first problem."""
    for step in steps:
        if type(step) is not dict or not step.keys() >= _STEP_KEY_SET:
            return False
        planned, done = step["planned"], step["done"]
        if (
            step["unit"] not in ("s", "reps")
            or step["status"] not in ("done", "partial", "skipped")
            or step["side"] not in ("left", "right", None)
            or type(planned) not in (int, float)
            or type(done) not in (int, float)
            or planned < 0
            or done < 0
        ):
            return False
    return True


def check_session(document: Any, where: str) -> dict[str, Any]:
    """A session document as §3 describes it, or ExportError."""
    if not isinstance(document, dict):
        raise ExportError(f"{where} is not an object")
    missing = [k for k in SESSION_KEYS if k not in document]
    if missing:
        raise ExportError(f"{where} lacks {', '.join(missing)}")
    if not isinstance(document["id"], str) or not document["id"]:
        raise ExportError(f"{where} has no usable id")
    if not isinstance(document["routine"], str):
        raise ExportError(f"{where} has a routine name that is not text")
    try:
        SessionFacts.from_document(document)
    except ValueError as error:
        raise ExportError(f"{where}: {error}") from None
    if document["completed"] is True and document["ended_at"] is None:
        # A run reaches the summary before it is completed, and is ended then: a completed
        # session with no end would count until the next start closed it as unfinished.
        raise ExportError(f"{where} is completed but has no ended_at")
    if not isinstance(document["steps"], list):
        raise ExportError(f"{where} has steps that are not a list")
    if not _steps_fine(document["steps"]):
        for number, step in enumerate(document["steps"], start=1):
            _check_step(step, f"{where}, step {number}")
    checked = dict(document)
    for key in ("stiffness_before", "stiffness_after"):
        value = checked.setdefault(key, None)
        if value is not None and (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not STIFFNESS_RANGE[0] <= value <= STIFFNESS_RANGE[1]
        ):
            raise ExportError(f"{where} has a {key} that is not a whole number from 0 to 10")
    note = checked.setdefault("note", None)
    if note is not None and (not isinstance(note, str) or len(note) > NOTE_MAX_CHARS):
        raise ExportError(f"{where} has a note that is not text of at most {NOTE_MAX_CHARS} chars")
    return checked


def _control_problem(document: dict[str, Any]) -> str | None:
    """A control character in a session's text (its id, routine, a step's name or its note),
    which an import refuses like any other input; None when there is none."""
    names = [s["name"] for s in document["steps"]]
    plain = [document["id"], document["routine"], *names, document.get("note")]
    # The usual case in one scan: Cc is exactly these ranges (text_safety.is_control).
    if not _CONTROL.search("".join(t for t in plain if isinstance(t, str))):
        return None
    texts = [("its id", document["id"]), ("its routine name", document["routine"])]
    texts += [(f"step {n}'s name", name) for n, name in enumerate(names, start=1)]
    texts.append(("its note", document.get("note")))
    for what, text in texts:
        if isinstance(text, str):
            problem = control_problem(text, what)
            if problem:
                return problem
    return None


def check_header(data: Any) -> ExportData:
    """An export's format, version, marks, routine and settings checked (ExportError names
    the first problem); its sessions and deletions are checked one by one after."""
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise ExportError('it is not a Supple export (no "format": "supple-export")')
    version = data.get("version")
    # bool is an int to Python: "version": true would pass as 1.
    if type(version) is not int or not 1 <= version <= FORMAT_VERSION:
        raise ExportError(
            f"it is export version {version!r}; this Supple reads 1 to {FORMAT_VERSION}"
        )
    if data.get("kind", EXPORT_KIND) != EXPORT_KIND:
        raise ExportError(f"it says it is a {str(data.get('kind'))[:20]!r}, not an export")
    marks = data.get("marks", [])
    if not isinstance(marks, list):
        raise ExportError("its sessions and marks must be lists")
    result = ExportData()
    for number, mark in enumerate(marks, start=1):
        try:
            result.marks[countable_day(date.fromisoformat(mark["date"]))] = MarkKind(mark["kind"])
        except (TypeError, KeyError, ValueError):
            raise ExportError(f"mark {number} is not a date with kind done or rest") from None
    if data.get("routine") is not None:
        try:
            result.routine = Routine.from_dict(data["routine"])
            validate_routine(result.routine)
        except EditError as error:
            raise ExportError(f"its routine is not valid: {error.message}") from None
        except (KeyError, TypeError, ValueError, AttributeError, OverflowError):
            # OverflowError: a number such as 1e400 reads as infinity and has no int().
            raise ExportError("its routine is not valid") from None
    settings = data.get("settings", {})
    if not isinstance(settings, dict):
        raise ExportError("its settings are not an object")
    try:
        HistorySettings(**{k: settings[k] for k in SETTING_KEYS if k in settings})
    except (TypeError, ValueError) as error:
        raise ExportError(f"its settings are not valid: {error}") from None
    result.settings = dict(settings)
    return result


def check_incoming(document: Any, number: int) -> dict[str, Any]:
    """Session `number` of an export, checked as a stored one is and free of control
    characters in its text; ExportError otherwise."""
    checked = check_session(document, f"session {number}")
    problem = _control_problem(checked)
    if problem:
        raise ExportError(f"session {number}: {problem}")
    return checked


def check_tombstone(document: Any, number: int) -> dict[str, Any]:
    """Deletion `number` of an export: a session's id, its start (to find its file) and when
    it was deleted, nothing else; ExportError otherwise."""
    where = f"deletion {number}"
    if not isinstance(document, dict) or set(document) != set(TOMBSTONE_KEYS):
        raise ExportError(f"{where} is not an object of {', '.join(TOMBSTONE_KEYS)}")
    if document["deleted"] is not True:
        raise ExportError(f'{where} does not say "deleted": true')
    session_id = document["id"]
    if not isinstance(session_id, str) or not session_id:
        raise ExportError(f"{where} has no usable id")
    problem = control_problem(session_id, "its id")
    if problem:
        raise ExportError(f"{where}: {problem}")
    for key in ("started_at", "updated_at"):
        value = document[key]
        if value is None and key == "started_at":
            continue  # a session whose start was never readable is deleted all the same
        try:
            datetime.fromisoformat(value)
        except (TypeError, ValueError):
            raise ExportError(f"{where} has a {key} that is not a date and time") from None
    return document


def parse_export(data: Any) -> ExportData:
    """Check a whole export before anything is written; the first problem raises ExportError.
    A session listed twice (or also deleted) is kept as every copy: the import keeps the one
    saved last, by the rule every copy of a session is merged by."""
    result = check_header(data)
    sessions = data.get("sessions")
    deleted = data.get("deleted", [])
    if not isinstance(sessions, list) or not isinstance(deleted, list):
        raise ExportError("its sessions and marks must be lists")
    result.sessions = [check_incoming(doc, number) for number, doc in enumerate(sessions, 1)]
    result.deleted = [check_tombstone(doc, number) for number, doc in enumerate(deleted, 1)]
    return result


def _blank_or(value: Any) -> Any:
    return "" if value is None else value


def sessions_csv(sessions: list[dict[str, Any]]) -> str:
    """One row per session, for spreadsheets; JSON is the format that round-trips."""
    return csv_header() + csv_rows(sessions)


def csv_header() -> str:
    return ",".join(CSV_COLUMNS) + "\n"


def csv_rows(sessions: list[dict[str, Any]]) -> str:
    """The CSV rows of checked sessions (no header): an export writes them a year at a time."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for doc in sessions:
        steps = doc.get("steps", [])
        statuses = [s.get("status") for s in steps]
        held = seconds_held(steps)
        writer.writerow(
            [
                # Text cells as a spreadsheet should show them: never a formula, no raw
                # control characters (an export may be printed to a terminal, too).
                spreadsheet_cell(str(doc["id"])),
                spreadsheet_cell(str(doc["started_at"])),
                spreadsheet_cell(str(doc["ended_at"] or "")),
                spreadsheet_cell(str(doc["routine"])),
                str(doc["completed"]).lower(),
                doc["speed"],
                str(doc["speed"] != 1).lower(),
                len(steps),
                statuses.count("done"),
                statuses.count("partial"),
                statuses.count("skipped"),
                int(held) if held.is_integer() else held,
                # Empty when not given, as ended_at is: a spreadsheet reads it as blank.
                _blank_or(doc.get("stiffness_before")),
                _blank_or(doc.get("stiffness_after")),
                spreadsheet_cell(doc["note"]) if isinstance(doc.get("note"), str) else "",
            ]
        )
    return out.getvalue()
