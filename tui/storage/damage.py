"""Damaged documents left out of a reading: noted once each, reported in one line."""

from __future__ import annotations

from pathlib import Path


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
        more = f" and {count - 1} more" if count > 1 else ""
        return (
            f"left out {count} damaged document{'s' if count > 1 else ''} of {self.path} "
            f"({first}{more}); {'they stay' if count > 1 else 'it stays'} in the file untouched"
        )
