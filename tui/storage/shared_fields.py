"""The shared fields of the main file (routine, settings, marks) read and checked."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from tinydb.table import Table

from tui.domain.history import HistorySettings, MarkKind, countable_day
from tui.domain.routine import Routine, default_routine
from tui.i18n import _
from tui.storage.atomic import Tables
from tui.storage.damage import DamageNotes
from tui.storage.errors import StoreError
from tui.storage.merge_rules import next_stamp, stamps_of
from tui.storage.unit_of_work import Change, next_id


def checked_marks(tables: Tables, notes: DamageNotes) -> dict[date, MarkKind]:
    """Days marked done or rest by hand; an odd mark is noted and left out."""
    marks: dict[date, MarkKind] = {}
    for doc_id, doc in tables.get("marks", {}).items():
        try:
            marks[countable_day(date.fromisoformat(doc["date"]))] = MarkKind(doc["kind"])
        except (KeyError, TypeError, ValueError):
            # One odd mark must not hide the rest of the history.
            # Translators: {id} is the mark's number in the file; done and rest are the stored
            # kinds' values: keep them.
            problem = _("mark {id} is not a date with kind done or rest").format(id=doc_id)
            notes.note(f"marks/{doc_id}", problem)
    return marks


def routine_from(path: Path, table: Table) -> Routine:
    docs = table.all()
    if not docs:
        return default_routine()
    from tui.domain.routine_edit import validate_routine

    try:
        routine = Routine.from_dict(dict(docs[0]))
        validate_routine(routine)
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as error:
        # Translators: {problem} is what is wrong with it, often Python's own words.
        problem = _("its routine is damaged ({problem})").format(problem=first_line(error))
        raise StoreError(path, problem) from error
    return routine


def history_settings_from(path: Path, table: Table) -> HistorySettings:
    docs = table.all()
    values = dict(docs[0]) if docs else {}
    try:
        return HistorySettings(
            day_starts_at=int(values.get("day_starts_at", 0)),
            week_starts_on=int(values.get("week_starts_on", 0)),
            weekly_goal=int(values.get("weekly_goal", 7)),
        )
    except (TypeError, ValueError, OverflowError) as error:
        # Translators: {problem} is what is wrong with them, often Python's own words.
        problem = _("its settings are damaged ({problem})").format(problem=first_line(error))
        raise StoreError(path, problem) from error


def first_line(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    return text.splitlines()[0]


# -- changing them: each field stamped with when and where it changed (merge_rules.py) --------


def stamp_field(work: Change, field: str, machine: str) -> None:
    """Mark a shared field as changed now, by `machine`; always later than its last stamp."""
    from tui.domain.clock import local_now

    tables = work.main.tables
    stamp = next_stamp(stamps_of(tables).get(field), local_now(), machine)
    document = dict(tables.get("stamps", {}).get("1", {}))
    document[field] = list(stamp)
    tables["stamps"] = {"1": document}
    work.main.changed = True


def put_routine(work: Change, routine: Routine, machine: str) -> None:
    work.main.tables["routine"] = {"1": routine.to_dict()}
    stamp_field(work, "routine", machine)


def put_settings(work: Change, values: dict[str, Any], machine: str) -> None:
    current: dict[str, Any] = next(iter(work.main.tables.get("settings", {}).values()), {})
    work.main.tables["settings"] = {"1": {**current, **values}}
    for name in values:
        stamp_field(work, f"settings.{name}", machine)


def put_mark(work: Change, day: date, kind: MarkKind | None, machine: str) -> None:
    table = work.main.tables.setdefault("marks", {})
    for doc_id, doc in list(table.items()):
        if isinstance(doc, dict) and doc.get("date") == day.isoformat():
            del table[doc_id]
    if kind is not None:
        table[str(next_id(table))] = {"date": day.isoformat(), "kind": kind.value}
    stamp_field(work, f"marks.{day.isoformat()}", machine)
