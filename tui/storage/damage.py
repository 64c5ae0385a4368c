"""Damaged documents left out of a reading: noted once each, reported in one line."""

from __future__ import annotations

from pathlib import Path

from tui.i18n import ngettext


class DamageNotes:
    """What was left out and why, by "table/key/id", oldest note first."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._odd: dict[str, str] = {}

    def note(self, key: str, problem: str) -> None:
        self._odd.setdefault(key, problem)

    def note_all(self, prefix: str, odd: dict[str, str]) -> None:
        for doc_id, problem in odd.items():
            self.note(f"{prefix}/{doc_id}", problem)

    @property
    def lines(self) -> list[str]:
        return list(self._odd.values())

    def summary(self) -> str | None:
        """The damaged documents left out, in one line; None when there are none."""
        if not self._odd:
            return None
        count = len(self._odd)
        first = next(iter(self._odd.values()))
        if len(first) > 100:
            first = first[:99] + "…"
        # Translators: {count} damaged documents (sessions, marks) were left out of the file
        # {path}; {first} says what is wrong with the first of them.
        return ngettext(
            "left out {count} damaged document of {path} ({first}); it stays in the file untouched",
            "left out {count} damaged documents of {path} ({first} and {more} more); they stay "
            "in the file untouched",
            count,
        ).format(count=count, path=self.path, first=first, more=count - 1)
