"""The plain mode's questions, each one line: how stiff the back is, and yes or no."""

from __future__ import annotations

from tui.domain.session import STIFFNESS_MAX, STIFFNESS_MIN
from tui.i18n import _
from tui.plain.keys import END, Keys
from tui.plain.lines import Lines


def ask_stiffness(lines: Lines, keys: Keys, when: str) -> int | None:
    """A rating 0–10 typed and entered, or None when enter alone skips (or input ended).
    `when` says where the flow is ("Before you start")."""
    lines.say(
        # Translators: one line asking for a rating; {when} is "Before you start" or "After
        # the flow". The person types a number and presses enter.
        _(
            "{when}: how stiff is your back, 0 (not at all) to 10 (worst)? Enter alone skips."
        ).format(when=when)
    )
    while True:
        answer = keys.ask()
        if answer is None or not answer.strip():
            return None
        text = answer.strip()
        if text.isdigit() and STIFFNESS_MIN <= int(text) <= STIFFNESS_MAX:
            return int(text)
        lines.say(_("A number from 0 to 10, please, or enter alone to skip."))


def ask_yes(lines: Lines, keys: Keys, question: str) -> bool:
    """`question`, then one key: y answers yes, any other key no (as the app's dialogs,
    whose safe answer is the one enter gives)."""
    # Translators: after a yes/no question; "y" is the key, not translated.
    lines.say(question + " " + _("y for yes, any other key for no."))
    key = keys.wait(None)
    return key is not None and key != END and key.lower() == "y"
