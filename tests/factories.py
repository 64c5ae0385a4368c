"""Builders of stored histories for tests and benchmarks: whole files written in one go."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from tui.domain.routine import default_routine
from tui.storage.store import SCHEMA_VERSION


def session_document(
    started_at: datetime,
    *,
    completed: bool = True,
    speed: float = 1,
    minutes: float = 5.2,
    steps_done: int | None = None,
) -> dict[str, Any]:
    """A stored session as the app writes it, with the default flow's nine steps."""
    steps = []
    for stretch in default_routine().enabled:
        for side in stretch.sides.played():
            planned = stretch.reps if stretch.unit == "reps" else stretch.hold_s
            steps.append(
                {
                    "name": stretch.name,
                    "side": side,
                    "unit": stretch.unit,
                    "planned": planned,
                    "done": planned,
                    "status": "done",
                }
            )
    if steps_done is not None:
        for step in steps[steps_done:]:
            step["done"], step["status"] = 0, "skipped"
    ended = started_at + timedelta(minutes=minutes)
    return {
        "id": uuid.uuid4().hex,
        "started_at": started_at.isoformat(timespec="seconds"),
        "ended_at": ended.isoformat(timespec="seconds"),
        "updated_at": ended.isoformat(timespec="seconds"),
        "routine": "Lower-back flow",
        "completed": completed,
        "speed": speed,
        "steps": steps,
    }


def write_history(
    path: Path,
    sessions: Iterable[dict[str, Any]],
    marks: Iterable[tuple[date, str]] = (),
    settings: dict[str, Any] | None = None,
    *,
    layout: bool = False,
) -> None:
    """Write a whole Supple database at once (saving thousands of sessions one by one is
    slow): one file holding everything, as a backup does, which the first write moves to
    today's layout; with `layout`, moved there at once (main file, a file per year)."""
    data: dict[str, Any] = {
        "meta": {"1": {"schema": SCHEMA_VERSION}},
        "sessions": {str(i): doc for i, doc in enumerate(sessions, start=1)},
        "marks": {
            str(i): {"date": day.isoformat(), "kind": kind}
            for i, (day, kind) in enumerate(marks, start=1)
        },
    }
    if settings:
        data["settings"] = {"1": settings}
    path.write_text(json.dumps(data), encoding="utf-8")
    if layout:
        from tui.storage.store import Store

        Store(path).upgrade()


def daily_history(last_day: date, days: int, at_hour: int = 7) -> list[dict[str, Any]]:
    """One completed session a day for `days` days ending on `last_day`, at a +01:00 offset."""
    from datetime import timezone

    zone = timezone(timedelta(hours=1))
    first = last_day - timedelta(days=days - 1)
    return [
        session_document(
            datetime.combine(first + timedelta(days=n), datetime.min.time(), zone).replace(
                hour=at_hour
            )
        )
        for n in range(days)
    ]


def year_file(db: Path, year: str = "2026") -> Path:
    """This test machine's file of one year's sessions, in the database beside `db`."""
    from tui.storage.layout import own_key, session_file
    from tui.storage.machine import current

    machine = current()
    assert machine is not None
    return session_file(db, own_key(machine.id, year))
