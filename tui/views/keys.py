"""Keys more than one view offers: `m` mutes or unmutes the cues on home and in the flow."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.binding import Binding
from textual.widget import Widget

from tui.i18n import N_, _

if TYPE_CHECKING:
    from tui.app import SuppleApp

MUTE_ACTIONS = ("mute", "unmute")
# Two bindings per toggle, one shown at a time: the footer says what the key does now.
MUTE_BINDINGS = [
    # Translators: footer key labels (keep them very short): "Mute" and "Unmute" the cues.
    Binding("m", "mute", N_("Mute"), id="flow.mute", tooltip=N_("Mute the cues")),
    # Translators: footer key label (keep it very short) and its tooltip: unmute the cues.
    Binding("m", "unmute", N_("Unmute"), id="flow.unmute", tooltip=N_("Unmute the cues")),
]


def mute_key_shown(action: str, muted: bool) -> bool:
    """Whether `action` (mute or unmute) is what the `m` key does now."""
    return muted == (action == "unmute")


def toggle_mute(view: Widget) -> None:
    """`m` on `view`: mute or unmute the cues, say which, and show the key's other half."""
    muted = cast("SuppleApp", view.app).toggle_mute()
    # Translators: a short notice after the m key: the cues are now muted, or on again.
    view.notify(_("Cues muted") if muted else _("Cues on"), timeout=2)
    view.refresh_bindings()
