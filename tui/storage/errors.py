"""The one error the store raises for a file it will not touch, with a one-line message."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """A data file Supple cannot read or write; `str()` is the one line shown to the person."""

    def __init__(self, path: Path, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(
            f"cannot use the data file {path}: {problem}. The file was left untouched; "
            "`supple restore` lists daily backups to put back, or move it aside to start afresh."
        )

    def __reduce__(self) -> tuple[type[StoreError], tuple[Path, str]]:
        # Rebuilt from its parts when it comes back from the writer's helper process.
        return (StoreError, (self.path, self.problem))
