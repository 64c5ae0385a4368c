"""Hold accuracy: each hold's planned end against the moment the app handled it, over a flow.

Runs the real app (headless driver, real event loop, real monotonic clock) through a whole
flow at --speed, idle, with both cores busy, and while another process saves sessions into the
same file. Also records the longest stall of the event loop (a 10 ms heartbeat) in each run.
"""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import tempfile
import textwrap
import time
from contextlib import nullcontext
from pathlib import Path

from common import PYTHON, busy_cores, median

from tests.factories import daily_history, write_history
from tui.app import SuppleApp
from tui.domain.clock import MonotonicClock, ScaledClock
from tui.domain.plan import HoldEnded
from tui.screens.routine import RoutineScreen
from tui.storage.store import Store
from tui.views.running_flow import RunningFlow


class RecordingClock(ScaledClock):
    """The flow clock, remembering its origin so a flow time maps back to a real time."""

    def __init__(self, factor: float) -> None:
        super().__init__(MonotonicClock(), factor)
        self.factor = factor
        self.origin_real = time.monotonic()

    def real(self, flow_time: float) -> float:
        return self.origin_real + flow_time / self.factor


async def one_flow(db: Path, speed: float) -> tuple[list[float], float]:
    """Lateness of each hold's end (ms) and the longest event-loop stall (ms)."""
    store = Store.open(db)
    store.prepare()
    # No stiffness question before the flow: this measures the holds.
    app = SuppleApp(store, speed=speed, ask_stiffness="never")
    clocks: list[RecordingClock] = []

    def flow_clock() -> RecordingClock:
        clocks.append(RecordingClock(speed))
        return clocks[-1]

    app.flow_clock = flow_clock  # type: ignore[method-assign]
    late: list[float] = []
    real_handle = RunningFlow._handle

    def handle(flow: RunningFlow, events: list) -> None:  # type: ignore[type-arg]
        seen = time.monotonic()
        for event in events:
            if isinstance(event, HoldEnded):
                late.append((seen - clocks[-1].real(event.at)) * 1000)
        real_handle(flow, events)

    RunningFlow._handle = handle  # type: ignore[method-assign]
    stall = 0.0
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("enter")
            screen = app.screen
            assert isinstance(screen, RoutineScreen)
            expected = time.monotonic()
            while screen.view_name != "summary":
                await asyncio.sleep(0.01)
                now = time.monotonic()
                stall = max(stall, (now - expected - 0.01) * 1000)
                expected = now
            app.writer.wait()
    finally:
        RunningFlow._handle = real_handle  # type: ignore[method-assign]
    return late, stall


SAVER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from tests.factories import session_document
    from tui.domain.session import local_now
    from tui.storage.store import Store
    store = Store.open(Path(sys.argv[1]))
    end = time.monotonic() + float(sys.argv[2])
    while time.monotonic() < end:
        store.save_session(session_document(local_now(), speed=3))
    """
)


def run(condition: str, db: Path, speed: float, flow_seconds: float) -> tuple[list[float], float]:
    saver = None
    if condition == "saving":
        saver = subprocess.Popen([PYTHON, "-c", SAVER, str(db), str(flow_seconds + 5)])
    with busy_cores(2) if condition == "loaded" else nullcontext():
        result = asyncio.run(one_flow(db, speed))
    if saver is not None:
        saver.kill()
        saver.wait()
    return result


def main() -> dict[str, tuple[float, float, float]]:
    parser = argparse.ArgumentParser()
    parser.add_argument("--speed", type=float, default=10.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--years", type=int, default=10, help="history already in the file")
    args = parser.parse_args()
    sys.setrecursionlimit(10000)
    results: dict[str, tuple[float, float, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "supple.json"
        from datetime import date

        write_history(db, daily_history(date.today(), 365 * args.years))
        flow_seconds = 313 / args.speed
        for condition in ("idle", "loaded", "saving"):
            lateness: list[float] = []
            stalls: list[float] = []
            for _ in range(args.runs):
                late, stall = run(condition, db, args.speed, flow_seconds)
                lateness += late
                stalls.append(stall)
            results[condition] = (median(lateness), max(lateness), max(stalls))
            print(
                f"{condition:8} holds: {len(lateness):3}  median late {median(lateness):6.1f} ms  "
                f"worst {max(lateness):6.1f} ms   longest loop stall {max(stalls):6.1f} ms"
            )
    return results


if __name__ == "__main__":
    main()
