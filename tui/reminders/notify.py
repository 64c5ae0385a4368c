"""A desktop notification through desktop-notifier, and the bell-and-stderr fallback."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sys
from pathlib import Path
from typing import TextIO

from tui.i18n import _

# A notification service answers in milliseconds; one that has not after this long is not
# coming, and a timer's run should not hang on it.
TIMEOUT_S = 5.0


class _Failures(logging.Handler):
    """Keeps the reason desktop-notifier logs (it warns instead of raising) for our one line."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.reasons: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        error = record.exc_info[1] if record.exc_info else None
        self.reasons.append(_first_line(error) if error else record.getMessage())


def _first_line(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0]


def find_session_bus() -> None:
    """A timer or cron job may start without the session bus's address; on Linux the bus is
    at a fixed place, so name it (never over an address already given)."""
    if sys.platform != "linux" or os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return
    bus = Path(os.environ.get("XDG_RUNTIME_DIR") or f"/run/user/{os.getuid()}") / "bus"
    if bus.exists():
        os.environ["DBUS_SESSION_BUS_ADDRESS"] = f"unix:path={bus}"


async def _send(title: str, message: str) -> str | None:
    from desktop_notifier import DesktopNotifier

    delivered: list[bool] = []
    notifier = DesktopNotifier(app_name=title)
    await notifier.send(title, message, on_dispatched=lambda: delivered.append(True))
    # The D-Bus connection is desktop-notifier's; closed here so the loop ends cleanly.
    bus = getattr(notifier._backend, "bus", None)
    if bus is not None:
        with contextlib.suppress(Exception):
            bus.disconnect()
    # Translators: why no desktop notification was shown.
    return None if delivered else _("the notification service did not take it")


def send(title: str, message: str, timeout_s: float = TIMEOUT_S) -> str | None:
    """Show a desktop notification; None when a notification service took it, else why not."""
    find_session_bus()
    failures = _Failures()
    logger = logging.getLogger("desktop_notifier")
    logger.addHandler(failures)
    # Its warnings carry a traceback meant for a developer; ours is the one line below.
    propagate, logger.propagate = logger.propagate, False
    try:
        problem = asyncio.run(asyncio.wait_for(_send(title, message), timeout_s))
    except TimeoutError:
        # Translators: why no desktop notification was shown; "s" is seconds.
        words = _("no notification service answered within {seconds} s")
        problem = words.format(seconds=f"{timeout_s:g}")
    except Exception as error:  # noqa: BLE001 - any failure falls back to the bell
        problem = _first_line(error)
    finally:
        logger.removeHandler(failures)
        logger.propagate = propagate
    if problem is not None and failures.reasons:
        problem = failures.reasons[0]
    return problem


def fall_back(message: str, why: str, out: TextIO | None = None, err: TextIO | None = None) -> None:
    """The terminal bell and one line on stderr: what the notification would have said, and
    why it could not be shown."""
    out = out or sys.stdout
    err = err or sys.stderr
    with contextlib.suppress(OSError, ValueError):
        out.write("\a")
        out.flush()
    with contextlib.suppress(OSError, ValueError):
        # Translators: a reminder written to the terminal instead; {message} is the reminder's
        # words, {why} the reason no desktop notification was shown. "supple:" stays.
        words = _("supple: {message} (no desktop notification: {why})")
        err.write(words.format(message=message, why=why) + "\n")
        err.flush()
