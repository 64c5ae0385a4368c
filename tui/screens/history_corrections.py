"""The history's corrections (issue 24): delete a session (asked first, `u` undoes), edit its
note and stiffness ratings, open a calendar day, go to a day in the sessions table."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, cast

from textual.binding import Binding
from textual.screen import Screen

from tui.changes import SessionChange
from tui.corrections import DeleteSession, RestoreSession
from tui.domain.history import HistorySettings, MarkKind, SessionFacts, session_day
from tui.domain.history_words import date_words
from tui.domain.session import note_of, stiffness_of
from tui.domain.session_edits import edited
from tui.i18n import N_, _
from tui.messages import ask_to_save
from tui.screens.confirm import ConfirmScreen
from tui.screens.day import DayScreen, DayView
from tui.screens.go_to_day import GoToDayScreen
from tui.screens.note import NoteScreen
from tui.screens.session_detail import SessionDetailScreen
from tui.screens.stiffness import StiffnessScreen
from tui.widgets.calendar import Calendar
from tui.widgets.sessions_table import SessionsTable

if TYPE_CHECKING:
    from tui.app import SuppleApp

Pair = tuple[SessionFacts, dict[str, Any]]


class HistoryCorrections(Screen[None]):
    """What the history screen does to correct its sessions. It lists them newest first in
    `_sessions` and shows changes to that list with `sessions_changed`; corrections asked
    for here show at once, and a reload before they land in the file does not undo them."""

    BINDINGS = [Binding("u", "undo", N_("Undo delete"), id="history.undo")]

    _sessions: list[Pair]
    _settings: HistorySettings
    _today: date

    def __init__(self) -> None:
        super().__init__()
        # Deleted here, newest last: what `u` brings back.
        self._deleted: list[Pair] = []
        self._hidden: set[str] = set()
        # Edited here, by id, until the file holds that save.
        self._edited: dict[str, dict[str, Any]] = {}
        # Brought back here, by id, until the file holds it again.
        self._restored: dict[str, dict[str, Any]] = {}

    # -- what the history screen provides -------------------------------------------------

    def sessions_changed(self, row: int | None = None) -> None:
        """Redraw what the sessions make (stats, calendar, table), the table's cursor on
        `row` when given."""
        raise NotImplementedError

    def show_row(self, row: int) -> None:
        """The table's cursor on `row` (its page added if need be), in view."""
        raise NotImplementedError

    def day_view(self, day: date) -> DayView:
        raise NotImplementedError

    def mark_day(self, day: date, kind: MarkKind | None) -> None:
        raise NotImplementedError

    def day_words(self, facts: SessionFacts) -> str:
        raise NotImplementedError

    # -- reading ---------------------------------------------------------------------------

    def corrected(self, documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The stored documents with this screen's corrections not landed yet applied."""
        result = []
        for document in documents:
            key = document.get("id")
            if key in self._hidden:
                continue
            mine_back = self._restored.get(key) if isinstance(key, str) else None
            if mine_back is not None:
                if mine_back.get("updated_at") == document.get("updated_at"):
                    continue  # its deletion has not landed yet: shown once, below
                del self._restored[mine_back["id"]]  # brought back in the file: saved later
            mine = self._edited.get(key) if isinstance(key, str) else None
            if mine is not None and mine["updated_at"] == document.get("updated_at"):
                del self._edited[mine["id"]]  # landed
                mine = None
            result.append(mine if mine is not None else document)
        return result + list(self._restored.values())

    def is_brought_back(self, document: dict[str, Any]) -> bool:
        """Whether `document` is a session undone here and not in the file yet."""
        return document.get("id") in self._restored

    def _under_cursor(self) -> tuple[int, SessionFacts, dict[str, Any]] | None:
        row = self.query_one(SessionsTable).cursor_row
        if 0 <= row < len(self._sessions):
            facts, document = self._sessions[row]
            return row, facts, document
        return None

    # -- deleting and undoing --------------------------------------------------------------

    def action_delete_session(self) -> None:
        found = self._under_cursor()
        if found is not None:
            self.ask_to_delete(found[1], found[2])

    def ask_to_delete(self, facts: SessionFacts, document: dict[str, Any]) -> None:
        when = self.day_words(facts)

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(facts, document, when)

        # Translators: {when} is "Tue 17 Nov at 07:00"; u is the key (not translated).
        question = _("Delete the session of {when}? u brings it back.").format(when=when)
        # Translators: the answers to "Delete the session of …?", on buttons.
        yes, no = _("Delete"), _("Keep")
        self.app.push_screen(ConfirmScreen(question, yes=yes, no=no), answered)

    def _delete(self, facts: SessionFacts, document: dict[str, Any], when: str) -> None:
        key = document["id"]
        row = next((n for n, pair in enumerate(self._sessions) if pair[1]["id"] == key), None)
        if row is None:
            return
        self.app.post_message(DeleteSession(key))
        self._deleted.append((facts, document))
        self._hidden.add(key)
        del self._sessions[row]
        self.sessions_changed(min(row, len(self._sessions) - 1) if self._sessions else None)
        self.refresh_bindings()
        # Translators: {when} is "Tue 17 Nov at 07:00"; u is the key (not translated).
        self.notify(
            _("Deleted the session of {when} · u brings it back").format(when=when), timeout=6
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo":
            return bool(self._deleted)
        return True

    def action_undo(self) -> None:
        if not self._deleted:
            return
        facts, document = self._deleted.pop()
        self._hidden.discard(document["id"])
        self._restored[document["id"]] = document
        self.app.post_message(RestoreSession(document))
        self._sessions.append((facts, document))
        self._sessions.sort(key=lambda pair: pair[0].started_at, reverse=True)
        self.sessions_changed(self._sessions.index((facts, document)))
        self.refresh_bindings()
        # Translators: {when} is "Tue 17 Nov at 07:00".
        self.notify(
            _("Brought back the session of {when}").format(when=self.day_words(facts)), timeout=4
        )

    # -- editing ---------------------------------------------------------------------------

    def action_edit_note(self) -> None:
        found = self._under_cursor()
        if found is not None:
            self.ask_note(found[1], found[2])

    def action_edit_stiffness(self, which: str) -> None:
        found = self._under_cursor()
        if found is not None:
            self.ask_stiffness(found[1], found[2], which)

    def ask_note(
        self, facts: SessionFacts, document: dict[str, Any], *, reopen: bool = False
    ) -> None:
        def answered(note: str | None) -> None:
            if note is not None:
                self._save_edit(facts, document, note=note or None)
            if reopen:
                self.open_session(self._current(document), facts)

        self.app.push_screen(NoteScreen(note_of(document)), answered)

    def ask_stiffness(
        self, facts: SessionFacts, document: dict[str, Any], which: str, *, reopen: bool = False
    ) -> None:
        key = f"stiffness_{which}"
        # Translators: over the stiffness question when a rating is corrected; {when} is
        # "Tue 17 Nov at 07:00".
        before, after = _("Before the flow of {when}"), _("After the flow of {when}")
        when = (before if which == "before" else after).format(when=self.day_words(facts))

        def answered(rating: int | None) -> None:
            if rating is not None:
                self._save_edit(facts, document, **{key: rating})
            if reopen:
                self.open_session(self._current(document), facts)

        self.app.push_screen(StiffnessScreen(when, stiffness_of(document, key)), answered)

    def _current(self, document: dict[str, Any]) -> dict[str, Any]:
        """The newest copy of `document` this screen knows."""
        return next((d for _, d in self._sessions if d["id"] == document["id"]), document)

    def _save_edit(self, facts: SessionFacts, document: dict[str, Any], **fields: Any) -> None:
        new = edited(self._current(document), cast("SuppleApp", self.app).now(), **fields)
        ask_to_save(self, SessionChange(new))
        self._edited[new["id"]] = new
        row = next(n for n, pair in enumerate(self._sessions) if pair[1]["id"] == new["id"])
        self._sessions[row] = (facts, new)
        self.sessions_changed(row)

    # -- opening ---------------------------------------------------------------------------

    def open_session(self, document: dict[str, Any], facts: SessionFacts) -> None:
        """Its steps, stiffness and note; a correction asked there is made here."""

        def chosen(what: str | None) -> None:
            current = self._current(document)
            if what == "delete":
                self.ask_to_delete(facts, current)
            elif what == "note":
                self.ask_note(facts, current, reopen=True)
            elif what in ("before", "after"):
                self.ask_stiffness(facts, current, what, reopen=True)

        self.app.push_screen(SessionDetailScreen(document, facts, self._settings), chosen)

    def on_calendar_day_opened(self, message: Calendar.DayOpened) -> None:
        self.app.push_screen(
            DayScreen(message.day, self.day_view, self.mark_day, self.open_session)
        )

    def action_go_to_day(self) -> None:
        def chosen(day: date | None) -> None:
            if day is not None:
                self.go_to_day(day)

        self.app.push_screen(GoToDayScreen(self._today), chosen)

    def go_to_day(self, day: date) -> None:
        """The table's cursor on the day's first session, or the nearest one before it."""
        starts = self._settings.day_starts_at
        row = next(
            (
                n
                for n, (facts, _) in enumerate(self._sessions)
                if session_day(facts.started_at, starts) <= day
            ),
            None,
        )
        name = date_words(day, year=True)
        if row is None:
            # Translators: {day} is a date such as "Tue 17 Nov 2026".
            self.notify(_("No session on {day} or before it.").format(day=name))
            return
        self.show_row(row)
        if session_day(self._sessions[row][0].started_at, starts) != day:
            # Translators: {day} is a date such as "Tue 17 Nov 2026".
            self.notify(_("No session on {day}: the nearest before it is shown.").format(day=name))
