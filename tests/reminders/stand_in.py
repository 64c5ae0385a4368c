"""A stand-in org.freedesktop.Notifications on a private session bus: logs each Notify call.

Run inside `dbus-run-session`: `python stand_in.py LOG [--no-name]`. It prints the bus address
on one line once it is ready (with --no-name it never takes the service's name, so nothing
answers: the fallback's case), then serves until stdin closes.
"""

# dbus-fast reads each D-Bus signature from the annotation's text ("s", "a{sv}"): they are
# strings on purpose, not Python types, and the method names are D-Bus's.
# ruff: noqa: UP037, F821, F722, N802
# mypy: ignore-errors

import asyncio
import json
import os
import sys
from typing import Any

from dbus_fast import Variant
from dbus_fast.aio import MessageBus
from dbus_fast.service import ServiceInterface, method, signal

NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"


class Notifications(ServiceInterface):
    def __init__(self, log: str) -> None:
        super().__init__(NAME)
        self.log = log
        self.count = 0

    @method()
    def Notify(  # noqa: N802 - D-Bus names
        self,
        app_name: "s",  # noqa: F821
        replaces_id: "u",  # noqa: F821
        app_icon: "s",  # noqa: F821
        summary: "s",  # noqa: F821
        body: "s",  # noqa: F821
        actions: "as",  # noqa: F821, F722
        hints: "a{sv}",  # noqa: F821, F722
        expire_timeout: "i",  # noqa: F821
    ) -> "u":  # noqa: F821
        self.count += 1
        entry: dict[str, Any] = {
            "app_name": app_name,
            "summary": summary,
            "body": body,
            "actions": actions,
            "hints": sorted(hints),
            "expire_timeout": expire_timeout,
        }
        # Written and flushed before the reply: once the sender has its answer, it is logged.
        with open(self.log, "a", encoding="utf-8") as log:
            log.write(json.dumps(entry) + "\n")
            log.flush()
            os.fsync(log.fileno())
        return self.count

    @method()
    def GetCapabilities(self) -> "as":  # noqa: N802, F821, F722
        return ["body"]

    @method()
    def GetServerInformation(self) -> "ssss":  # noqa: N802, F821
        return ["supple-stand-in", "supple", "1", "1.2"]

    @method()
    def CloseNotification(self, notification_id: "u"):
        return

    @signal()
    def NotificationClosed(self) -> "uu":  # noqa: N802, F821
        return [0, 0]

    @signal()
    def ActionInvoked(self) -> "us":  # noqa: N802, F821
        return [0, ""]


async def serve(log: str, take_name: bool) -> None:
    bus = await MessageBus().connect()
    if take_name:
        bus.export(PATH, Notifications(log))
        await bus.request_name(NAME)
    print(os.environ["DBUS_SESSION_BUS_ADDRESS"], flush=True)
    # Serve until the test closes our stdin (or kills us).
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.read)
    bus.disconnect()


if __name__ == "__main__":
    _ = Variant  # hints arrive as Variants; the log keeps only their names
    asyncio.run(serve(sys.argv[1], "--no-name" not in sys.argv[2:]))
