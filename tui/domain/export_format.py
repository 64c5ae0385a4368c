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
from tui.i18n import _, ngettext

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
        raise ExportError(
            # Translators: {where} names a part of the file ("session 3", "session 3, step 2").
            _("{where} is not an object").format(where=where)
        )
    missing = [k for k in STEP_KEYS if k not in step]
    if missing:
        raise ExportError(
            # Translators: {where} names a part of the file ("session 3", "session 3, step 2").
            # {keys} are the JSON keys it lacks, kept as written.
            _("{where} lacks {keys}").format(where=where, keys=", ".join(missing))
        )
    if step["unit"] not in ("s", "reps") or step["status"] not in ("done", "partial", "skipped"):
        raise ExportError(
            # Translators: {where} names a part of the file ("session 3", "session 3, step 2").
            _("{where} has an unknown unit or status").format(where=where)
        )
    if step["side"] not in ("left", "right", None):
        raise ExportError(
            # Translators: {where} names a part of the file ("session 3", "session 3, step 2").
            _("{where} has an unknown side").format(where=where)
        )
    for key in ("planned", "done"):
        value = step[key]
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise ExportError(
                # Translators: {where} names a part of the file ("session 3", "session 3, step 2").
                # {key} is a JSON key, kept as written.
                _("{where} has a bad {key}").format(where=where, key=key)
            )


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
        raise ExportError(
            # Translators: {where} names a part of the file ("session 3", "session 3, step 2").
            _("{where} is not an object").format(where=where)
        )
    missing = [k for k in SESSION_KEYS if k not in document]
    if missing:
        raise ExportError(
            # Translators: {where} names a part of the file ("session 3", "session 3, step 2").
            # {keys} are the JSON keys it lacks, kept as written.
            _("{where} lacks {keys}").format(where=where, keys=", ".join(missing))
        )
    if not isinstance(document["id"], str) or not document["id"]:
        raise ExportError(
            # Translators: {where} names a part of the file ("session 3", "session 3, step 2").
            _("{where} has no usable id").format(where=where)
        )
    if not isinstance(document["routine"], str):
        raise ExportError(
            # Translators: {where} names a part of the file ("session 3", "session 3, step 2").
            _("{where} has a routine name that is not text").format(where=where)
        )
    try:
        SessionFacts.from_document(document)
    except ValueError as error:
        raise ExportError(
            # Translators: {where} names a part of the file ("session 3", "session 3, step 2").
            _("{where}: {problem}").format(where=where, problem=error)
        ) from None
    if document["completed"] is True and document["ended_at"] is None:
        # A run reaches the summary before it is completed, and is ended then: a completed
        # session with no end would count until the next start closed it as unfinished.
        raise ExportError(
            # Translators: {where} names a part of the file ("session 3", "session 3, step 2").
            _("{where} is completed but has no ended_at").format(where=where)
        )
    if not isinstance(document["steps"], list):
        raise ExportError(
            # Translators: {where} names a part of the file ("session 3", "session 3, step 2").
            _("{where} has steps that are not a list").format(where=where)
        )
    if not _steps_fine(document["steps"]):
        for number, step in enumerate(document["steps"], start=1):
            # Translators: {where} names a session of the file ("session 3"); this names one
            # of its steps.
            _check_step(step, _("{where}, step {number}").format(where=where, number=number))
    checked = dict(document)
    for key in ("stiffness_before", "stiffness_after"):
        value = checked.setdefault(key, None)
        if value is not None and (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not STIFFNESS_RANGE[0] <= value <= STIFFNESS_RANGE[1]
        ):
            raise ExportError(
                # Translators: {where} names a part of the file ("session 3", "session 3, step 2").
                # {key} is a JSON key, kept as written.
                _("{where} has a {key} that is not a whole number from 0 to 10").format(
                    where=where, key=key
                )
            )
    note = checked.setdefault("note", None)
    if note is not None and (not isinstance(note, str) or len(note) > NOTE_MAX_CHARS):
        raise ExportError(
            # Translators: {where} names a part of the file, such as "session 3"; {count} is
            # the most characters a note may have.
            ngettext(
                "{where} has a note that is not text of at most {count} char",
                "{where} has a note that is not text of at most {count} chars",
                NOTE_MAX_CHARS,
            ).format(where=where, count=NOTE_MAX_CHARS)
        )
    return checked


def _control_problem(document: dict[str, Any]) -> str | None:
    """A control character in a session's text (its id, routine, a step's name or its note),
    which an import refuses like any other input; None when there is none."""
    names = [s["name"] for s in document["steps"]]
    plain = [document["id"], document["routine"], *names, document.get("note")]
    # The usual case in one scan: Cc is exactly these ranges (text_safety.is_control).
    if not _CONTROL.search("".join(t for t in plain if isinstance(t, str))):
        return None
    # Translators: these name the text of a session that holds a control character, in
    # "{what} must not hold control characters".
    texts = [(_("its id"), document["id"]), (_("its routine name"), document["routine"])]
    # Translators: the name of a session's step {number}, in "{what} must not hold …".
    texts += [(_("step {number}'s name").format(number=n), name) for n, name in enumerate(names, 1)]
    # Translators: the note of a session, in "{what} must not hold control characters".
    texts.append((_("its note"), document.get("note")))
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
        # Translators: "format": "supple-export" is what the file must say, in JSON: keep it.
        raise ExportError(_('it is not a Supple export (no "format": "supple-export")'))
    version = data.get("version")
    # bool is an int to Python: "version": true would pass as 1.
    if type(version) is not int or not 1 <= version <= FORMAT_VERSION:
        raise ExportError(
            # Translators: {version} is what the file says its version is; {latest} is the
            # newest version this Supple reads.
            _("it is export version {version}; this Supple reads 1 to {latest}").format(
                version=repr(version), latest=FORMAT_VERSION
            )
        )
    if data.get("kind", EXPORT_KIND) != EXPORT_KIND:
        kind = repr(str(data.get("kind"))[:20])
        # Translators: {kind} is the file's "kind" field as written in it, in quotes.
        raise ExportError(_("it says it is a {kind}, not an export").format(kind=kind))
    marks = data.get("marks", [])
    if not isinstance(marks, list):
        raise ExportError(_("its sessions and marks must be lists"))
    result = ExportData()
    for number, mark in enumerate(marks, start=1):
        try:
            result.marks[countable_day(date.fromisoformat(mark["date"]))] = MarkKind(mark["kind"])
        except (TypeError, KeyError, ValueError):
            raise ExportError(
                # Translators: {where} names a mark of the file ("mark 2"); done and rest are
                # the kinds as the file writes them: keep them in English.
                _("{where} is not a date with kind done or rest").format(
                    # Translators: a mark (a day marked done or rest) of the file, by its number.
                    where=_("mark {number}").format(number=number)
                )
            ) from None
    if data.get("routine") is not None:
        try:
            result.routine = Routine.from_dict(data["routine"])
            validate_routine(result.routine)
        except EditError as error:
            raise ExportError(
                # Translators: {problem} says what is wrong with the routine.
                _("its routine is not valid: {problem}").format(problem=error.message)
            ) from None
        except (KeyError, TypeError, ValueError, AttributeError, OverflowError):
            # OverflowError: a number such as 1e400 reads as infinity and has no int().
            raise ExportError(_("its routine is not valid")) from None
    settings = data.get("settings", {})
    if not isinstance(settings, dict):
        raise ExportError(_("its settings are not an object"))
    try:
        HistorySettings(**{k: settings[k] for k in SETTING_KEYS if k in settings})
    except (TypeError, ValueError) as error:
        raise ExportError(
            # Translators: {problem} says which setting is wrong.
            _("its settings are not valid: {problem}").format(problem=error)
        ) from None
    result.settings = dict(settings)
    return result


def check_incoming(document: Any, number: int) -> dict[str, Any]:
    """Session `number` of an export, checked as a stored one is and free of control
    characters in its text; ExportError otherwise."""
    # Translators: a session of the file, by its number.
    where = _("session {number}").format(number=number)
    checked = check_session(document, where)
    problem = _control_problem(checked)
    if problem:
        raise ExportError(
            # Translators: {where} names a part of the file, such as "session 3"; {problem}
            # says what is wrong with it.
            _("{where}: {problem}").format(where=where, problem=problem)
        )
    return checked


def check_tombstone(document: Any, number: int) -> dict[str, Any]:
    """Deletion `number` of an export: a session's id, its start (to find its file) and when
    it was deleted, nothing else; ExportError otherwise."""
    # Translators: a deletion (a session deleted, so the import deletes it too) of the file,
    # by its number.
    where = _("deletion {number}").format(number=number)
    if not isinstance(document, dict) or set(document) != set(TOMBSTONE_KEYS):
        raise ExportError(
            # Translators: {where} names a deletion of the file ("deletion 4"); {keys} are the
            # JSON keys it must have.
            _("{where} is not an object of {keys}").format(
                where=where, keys=", ".join(TOMBSTONE_KEYS)
            )
        )
    if document["deleted"] is not True:
        raise ExportError(
            # Translators: {where} names a deletion of the file ("deletion 4"); "deleted": true
            # is JSON: keep it.
            _('{where} does not say "deleted": true').format(where=where)
        )
    session_id = document["id"]
    if not isinstance(session_id, str) or not session_id:
        raise ExportError(
            # Translators: {where} names a part of the file ("session 3", "session 3, step 2").
            _("{where} has no usable id").format(where=where)
        )
    # Translators: these name the text of a session that holds a control character, in
    # "{what} must not hold control characters".
    problem = control_problem(session_id, _("its id"))
    if problem:
        raise ExportError(
            # Translators: {where} names a part of the file, such as "session 3"; {problem}
            # says what is wrong with it.
            _("{where}: {problem}").format(where=where, problem=problem)
        )
    for key in ("started_at", "updated_at"):
        value = document[key]
        if value is None and key == "started_at":
            continue  # a session whose start was never readable is deleted all the same
        try:
            datetime.fromisoformat(value)
        except (TypeError, ValueError):
            raise ExportError(
                # Translators: {where} names a part of the file ("session 3", "session 3, step 2").
                # {key} is a JSON key, kept as written.
                _("{where} has a {key} that is not a date and time").format(where=where, key=key)
            ) from None
    return document


def parse_export(data: Any) -> ExportData:
    """Check a whole export before anything is written; the first problem raises ExportError.
    A session listed twice (or also deleted) is kept as every copy: the import keeps the one
    saved last, by the rule every copy of a session is merged by."""
    result = check_header(data)
    sessions = data.get("sessions")
    deleted = data.get("deleted", [])
    if not isinstance(sessions, list) or not isinstance(deleted, list):
        raise ExportError(_("its sessions and marks must be lists"))
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
