"""The settings screen's reminder rows: on/off, times, days, and the timer that fires it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Label, Static

from tui.changes import SettingsChange
from tui.domain.reminder import (
    REMINDER,
    REMINDER_DAYS,
    REMINDER_TIMES,
    ReminderError,
    ReminderPlan,
    describe_days,
    describe_moment,
    describe_times,
    next_fire,
    parse_days,
    parse_times,
    plan_from_settings,
)
from tui.i18n import N_, _, pgettext
from tui.messages import ask_to_save
from tui.screens.confirm import ConfirmScreen
from tui.screens.stretch_form import FormScreen

if TYPE_CHECKING:
    from tui.reminders.install import Installed
    from tui.screens.settings import SettingsScreen

# Not stored: the row that installs, updates or removes what fires the reminder.
REMINDER_TIMER = "reminder_timer"
REMINDER_ROWS = (REMINDER, REMINDER_TIMES, REMINDER_DAYS, REMINDER_TIMER)
# Marked here, translated where shown (the language can change while the screen is open).
REMINDER_LABELS = {
    REMINDER: N_("Reminder"),
    REMINDER_TIMES: N_("Reminder times"),
    REMINDER_DAYS: N_("Reminder days"),
    REMINDER_TIMER: N_("Reminder timer"),
}
# The field's label in the form its row opens, whose title names the reminder already.
REMINDER_FIELD_LABELS = {
    REMINDER_TIMES: N_("Times"),
    REMINDER_DAYS: N_("Days"),
}
REMINDER_MEANINGS = {
    REMINDER: N_(
        "A desktop notification at your times, only while today is not done, nor rest, "
        "nor the week's target met."
    ),
    REMINDER_TIMES: N_("When the reminder comes: one or more times of day, e.g. 07:30, 18:00."),
    # Translators: mon-fri and sat,sun are what the field takes (English day abbreviations,
    # as typed): keep them as they are unless the field takes your language's too.
    REMINDER_DAYS: N_("The weekdays it comes on: every day, mon-fri, sat,sun …"),
    # Translators: systemd, launchd and cron are program names.
    REMINDER_TIMER: N_(
        "What fires it while Supple is closed: a systemd timer, a launchd agent or "
        "cron. It asks first."
    ),
}


class ReminderTextForm(FormScreen[str]):
    """One line of text (the times, or the days), checked by `parse` before it is returned."""

    def __init__(
        self, field: str, title: str, value: str, hint: str, parse: Callable[[str], object]
    ) -> None:
        super().__init__()
        self.field = field
        self.title_text = title
        self.value = value
        self.hint = hint
        self.parse = parse

    def compose_fields(self) -> ComposeResult:
        yield Static(_(REMINDER_MEANINGS[self.field]), classes="form-note")
        with Horizontal(classes="field", id=f"{self.field}-field"):
            yield Label(_(REMINDER_FIELD_LABELS[self.field]), classes="field-label")
            yield Input(self.value, id=f"{self.field}-input", compact=True)
            yield Label(self.hint, classes="field-hint")
        yield self.error_label(self.field)

    def build(self) -> str | None:
        text = self.query_one(f"#{self.field}-input", Input).value
        try:
            self.parse(text)
        except ReminderError as error:
            self.show_errors({self.field: str(error)})
            return None
        return text


class ReminderSection:
    """The reminder rows' values, and what enter does on each; writes go through the app's
    saver as every setting's do, and the timer is installed off the event loop."""

    def __init__(self, screen: SettingsScreen) -> None:
        self.screen = screen
        self.plan = ReminderPlan()
        # Why the stored reminder settings cannot be read, when they cannot (shown, kept).
        self.damage: str | None = None
        self.timer: Installed | None = None

    @property
    def path(self) -> Path:
        return self.screen.supple.data_path

    def load(self, settings: dict[str, Any]) -> None:
        try:
            self.plan, self.damage = plan_from_settings(settings), None
        except ReminderError as error:
            self.plan, self.damage = ReminderPlan(), str(error)
        self.timer = self._installed()

    def _installed(self) -> Installed:
        from tui.reminders.install import installed_anywhere, remind_command

        return installed_anywhere(self.plan, remind_command(self.path))

    # -- drawing -------------------------------------------------------------------------

    def value_text(self, key: str) -> str:
        if self.damage is not None and key != REMINDER_TIMER:
            # Translators: the stored reminder setting cannot be read; enter is a key.
            return _("damaged: enter sets it again")
        if key == REMINDER:
            # Translators: the value of a setting that is switched on or off.
            return pgettext("switched", "on") if self.plan.enabled else pgettext("switched", "off")
        if key == REMINDER_TIMES:
            return describe_times(self.plan.times)
        if key == REMINDER_DAYS:
            return describe_days(self.plan.days)
        return self.timer_text()

    def timer_text(self) -> str:
        from tui.reminders.install import State

        timer = self.timer
        if timer is None or timer.state is State.ABSENT:
            # Translators: the Reminder timer row's value: nothing fires the reminder.
            return _("not installed")
        # Translators: the Reminder timer row's values below; enter is a key.
        if not self.plan.enabled:
            return _("installed, reminder off: enter removes")
        if timer.state is State.OUTDATED:
            return _("installed for other times: enter updates")
        now = self.screen.supple.now()
        upcoming = next_fire(self.plan, now)
        if upcoming is None:
            return _("installed")
        # Translators: when is when the reminder comes next, e.g. "today 18:00".
        return _("installed · next {when}").format(when=describe_moment(upcoming, now))

    # -- changing ------------------------------------------------------------------------

    def change(self, key: str) -> None:
        if key == REMINDER:
            self._toggle()
        elif key == REMINDER_TIMES:
            # Translators: beside the times field: what it takes.
            hint = _("e.g. 07:30, 18:00")
            self._ask_text(REMINDER_TIMES, describe_times(self.plan.times), hint)
        elif key == REMINDER_DAYS:
            words = describe_days(self.plan.days).replace("–", "-")
            # Translators: beside the days field: what it takes (as REMINDER_DAYS's meaning).
            self._ask_text(REMINDER_DAYS, words, _("e.g. mon-fri, sat,sun"))
        else:
            self._change_timer()

    def _save(self, plan: ReminderPlan, said: str) -> None:
        self.plan, self.damage = plan, None
        # Installed for the old times is not installed for these: look again.
        self.timer = self._installed()
        ask_to_save(self.screen, SettingsChange(plan.to_settings()))
        self.screen.refresh_values()
        # Translators: what was changed, e.g. "Reminder off", then that it is kept.
        self.screen.say(_("{said} · saved").format(said=said))

    def _toggle(self) -> None:
        from tui.reminders.install import State

        plan = replace(self.plan, enabled=not self.plan.enabled)
        if plan.enabled:
            # Translators: times are e.g. "07:30, 18:00"; days e.g. "every day", "Mon–Fri".
            said = _("Reminder on: {times}, {days}").format(
                times=describe_times(plan.times), days=describe_days(plan.days)
            )
            self._save(plan, said)
            self._offer_install()
        else:
            self._save(plan, _("Reminder off"))
            if self.timer is not None and self.timer.state is not State.ABSENT:
                self._offer_uninstall()

    def _ask_text(self, field: str, value: str, hint: str) -> None:
        parse = parse_times if field == REMINDER_TIMES else parse_days
        title = _(REMINDER_LABELS[field])

        def chosen(text: str | None) -> None:
            if text is None:
                return
            if field == REMINDER_TIMES:
                plan = replace(self.plan, times=parse_times(text))
                said = _("Reminder times: {times}").format(times=describe_times(plan.times))
            else:
                plan = replace(self.plan, days=parse_days(text))
                said = _("Reminder days: {days}").format(days=describe_days(plan.days))
            self._save(plan, said)
            if plan.enabled:
                self._offer_install()

        self.screen.app.push_screen(ReminderTextForm(field, title, value, hint, parse), chosen)

    def _change_timer(self) -> None:
        from tui.reminders.install import State

        state = self.timer.state if self.timer is not None else State.ABSENT
        if state is State.ABSENT and not self.plan.enabled:
            self.screen.say(_("The reminder is off: turn it on first (the Reminder row)."))
        elif state is State.CURRENT and self.plan.enabled:
            self._offer_uninstall()
        elif self.plan.enabled:
            self._offer_install()
        else:
            self._offer_uninstall()

    def _offer_install(self) -> None:
        from tui.reminders.install import State, default_scheduler, describe_place

        if self.timer is not None and self.timer.state is State.CURRENT:
            return
        scheduler = default_scheduler()
        outdated = self.timer is not None and self.timer.state is State.OUTDATED
        times, days = describe_times(self.plan.times), describe_days(self.plan.days)
        place = describe_place(scheduler)
        # Translators: times are e.g. "07:30, 18:00", days e.g. "every day"; place is what is
        # written, e.g. "a systemd user timer (~/.config/systemd/user/supple-remind.timer)".
        if outdated:
            question = _(
                "Update the reminder so it comes at {times}, {days}, even while Supple is "
                "closed? This writes {place}."
            ).format(times=times, days=days, place=place)
            # Translators: the button that answers yes to updating the reminder timer.
            verb = _("Update")
        else:
            question = _(
                "Install the reminder so it comes at {times}, {days}, even while Supple is "
                "closed? This writes {place}."
            ).format(times=times, days=days, place=place)
            # Translators: the button that answers yes to installing the reminder timer.
            verb = _("Install")
        plan = self.plan

        def answered(yes: bool | None) -> None:
            if yes:
                self._in_background(lambda: _install(plan, self.path, scheduler))

        self.screen.app.push_screen(ConfirmScreen(question, yes=verb, no=_("Not now")), answered)

    def _offer_uninstall(self) -> None:
        where = self.timer.where if self.timer is not None else ""

        def answered(yes: bool | None) -> None:
            if yes:
                self._in_background(_uninstall)

        question = _("Remove the installed reminder? Nothing will fire it then.")
        if where:
            question += f"\n{where}"  # the files that fire it
        self.screen.app.push_screen(
            # Translators: the answers to removing the reminder timer (buttons: keep short).
            ConfirmScreen(question, yes=_("Remove"), no=_("Keep")),
            answered,
        )

    def _in_background(self, work: Callable[[], tuple[str, bool]]) -> None:
        """systemctl and crontab are other programs: run them off the event loop, then say
        what they did and show the timer's state."""
        app = self.screen.app

        def run() -> None:
            message, failed = work()
            app.call_from_thread(self._done, message, failed)

        self.screen.say(_("Working on the reminder timer…"))
        self.screen.run_worker(run, thread=True, group="reminder-timer")

    def _done(self, message: str, failed: bool) -> None:
        self.timer = self._installed()
        self.screen.refresh_values()
        self.screen.say(message, error=failed)


SHORT_PLACE = {
    "systemd": N_("a systemd user timer"),
    "launchd": N_("a launchd agent"),
    "cron": N_("crontab lines"),
}


def _install(plan: ReminderPlan, path: Path, scheduler: str) -> tuple[str, bool]:
    from tui.reminders.install import InstallError, install, remind_command

    try:
        lines = install(plan, remind_command(path), scheduler)
    except InstallError as error:
        # Translators: error is why, as the system said it.
        return _("Not installed: {error}").format(error=error), True
    # Translators: place is e.g. "a systemd user timer", "crontab lines".
    said = _("Installed: {place}.").format(place=_(SHORT_PLACE[scheduler]))
    if any("no systemd user manager" in line for line in lines):
        # No user manager runs now (`supple remind --install` says it in full): one line here.
        said = _("Installed (systemd timer); it starts at your next login.")
    return said, False


def _uninstall() -> tuple[str, bool]:
    from tui.reminders.install import InstallError, uninstall_everywhere

    try:
        lines = uninstall_everywhere()
    except InstallError as error:
        # Translators: error is why, as the system said it.
        return _("Not removed: {error}").format(error=error), True
    # Each line names a file removed (`supple remind --uninstall` lists them); here, in short.
    return (
        _("Removed: nothing fires the reminder now.") if lines else _("Nothing was installed.")
    ), False
