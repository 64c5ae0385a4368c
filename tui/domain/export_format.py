"""The export file: what `supple export` writes and `supple import` accepts, checked strictly."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tui.domain.history import HistorySettings, MarkKind, SessionFacts, countable_day
from tui.domain.routine import Routine
from tui.domain.routine_edit import EditError, validate_routine
from tui.domain.text_safety import control_problem, spreadsheet_cell

FORMAT_NAME = "supple-export"
FORMAT_VERSION = 1

SESSION_KEYS = ("id", "started_at", "ended_at", "routine", "completed", "speed", "steps")
# Optional (PRODUCT.md §3): null when not given; a checked session always has them.
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


class ExportError(ValueError):
    """A file that is not a Supple export; the message is one line naming the first problem."""


@dataclass
class ExportData:
    """A checked export: every session and mark is well formed."""

    sessions: list[dict[str, Any]] = field(default_factory=list)
    marks: dict[date, MarkKind] = field(default_factory=dict)
    routine: Routine | None = None
    settings: dict[str, Any] = field(default_factory=dict)


def build_export(
    sessions: list[dict[str, Any]],
    marks: dict[date, MarkKind],
    routine: Routine,
    settings: dict[str, Any],
) -> dict[str, Any]:
    """The JSON document `supple export` writes; `parse_export` reads it back unchanged."""
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "sessions": sessions,
        "marks": [{"date": d.isoformat(), "kind": k.value} for d, k in sorted(marks.items())],
        "routine": routine.to_dict(),
        "settings": settings,
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
    texts = [("its id", document["id"]), ("its routine name", document["routine"])]
    texts += [(f"step {n}'s name", s["name"]) for n, s in enumerate(document["steps"], start=1)]
    texts.append(("its note", document.get("note")))
    for what, text in texts:
        if isinstance(text, str):
            problem = control_problem(text, what)
            if problem:
                return problem
    return None


def parse_export(data: Any) -> ExportData:
    """Check a whole export before anything is written; the first problem raises ExportError."""
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise ExportError('it is not a Supple export (no "format": "supple-export")')
    version = data.get("version")
    # bool is an int to Python: "version": true would pass as 1.
    if type(version) is not int or not 1 <= version <= FORMAT_VERSION:
        raise ExportError(f"it is export version {version!r}; this Supple reads {FORMAT_VERSION}")
    sessions = data.get("sessions")
    marks = data.get("marks", [])
    if not isinstance(sessions, list) or not isinstance(marks, list):
        raise ExportError("its sessions and marks must be lists")
    result = ExportData()
    seen: set[str] = set()
    for number, document in enumerate(sessions, start=1):
        checked = check_session(document, f"session {number}")
        problem = _control_problem(checked)
        if problem:
            raise ExportError(f"session {number}: {problem}")
        if checked["id"] in seen:
            raise ExportError(f"session {number} repeats the id {checked['id']}")
        seen.add(checked["id"])
        result.sessions.append(checked)
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


def _blank_or(value: Any) -> Any:
    return "" if value is None else value


def sessions_csv(sessions: list[dict[str, Any]]) -> str:
    """One row per session, for spreadsheets; JSON is the format that round-trips."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for doc in sessions:
        steps = doc.get("steps", [])
        statuses = [s.get("status") for s in steps]
        held = sum(s.get("done", 0) for s in steps if s.get("unit") == "s")
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
                held,
                # Empty when not given, as ended_at is: a spreadsheet reads it as blank.
                _blank_or(doc.get("stiffness_before")),
                _blank_or(doc.get("stiffness_after")),
                spreadsheet_cell(doc["note"]) if isinstance(doc.get("note"), str) else "",
            ]
        )
    return out.getvalue()
