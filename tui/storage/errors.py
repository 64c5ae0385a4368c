"""The one error the store raises for a file it will not touch, with a one-line message."""

from __future__ import annotations

from pathlib import Path

from tui.i18n import N_, _

# The advice below is marked here and translated when an error is made (StoreError).
# What to do about a file that cannot be read: it may be damaged, so a backup may help.
# Translators: `supple restore` is a command: keep it.
RECOVER = N_(
    "The file was left untouched; `supple restore` lists daily backups to put back, "
    "or move it aside to start afresh."
)
# What to do about a write that could not be made: the file itself is fine as it is.
RETRY = N_("The file was left as it was, whole; try again once that is sorted out.")
# What to do about a path that is not a file at all (a FIFO, a folder, a device): nothing
# there is damaged, so there is nothing to restore; Supple just needs a file of its own.
NOT_A_FILE = N_("Nothing was read or written; name a regular file with --db PATH (or SUPPLE_DB).")


class StoreError(Exception):
    """A data file Supple cannot read or write; `str()` is the one line shown to the person.

    `advice` ends the line: RECOVER (the default) for a file that may be damaged, RETRY or
    something more exact for a write that could not be made to a file that is fine.

    The line is in the language in use when the error is made: `problem` comes translated,
    `advice` is translated here (a marked constant, or words translated already, which
    pass through unchanged)."""

    def __init__(self, path: Path, problem: str, advice: str = RECOVER) -> None:
        self.path = path
        self.problem = problem
        self.advice = _(advice)
        # Translators: {path} is the data file (or one of its files); {problem} says what is
        # wrong with it ("it is not valid JSON …"); {advice} is a sentence on what to do.
        line = _("cannot use the data file {path}: {problem}. {advice}")
        super().__init__(line.format(path=path, problem=problem, advice=self.advice))

    def __reduce__(self) -> tuple[type[StoreError], tuple[Path, str, str]]:
        # Rebuilt from its parts when it is pickled (sent to or from another process).
        return (StoreError, (self.path, self.problem, self.advice))
