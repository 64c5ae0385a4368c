"""Issue 15's figures in one run, each beside its reference measured in the same run.

- first screen: Supple with ten years of history, and on an empty file, against a minimal
  Textual app (interleaved starts in tmux, medians); also when the streak line shows;
- one save at ten years, in this process, and the longest stall of an event loop (a 10 ms
  heartbeat) while a writer thread saves a running session step by step, against the same
  heartbeat with no saving;
- `supple import` of 10,000 and 20,000 sessions into an empty file;
- `supple nudge` and `supple stats` at ten years, against `python -c pass` (the interpreter's
  own start);
- the app's peak memory (VmHWM) at ten years, against the minimal app's.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import subprocess
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from common import BENCH, PYTHON, cpu_seconds, median, peak_rss_mb, terminal

from tests.factories import daily_history, session_document, write_history
from tui.storage.store import Store
from tui.storage.writer import BackgroundWriter

MINIMAL = [PYTHON, str(BENCH / "minimal_app.py")]


def first_screen(command: list[str], text: str, then: str | None = None) -> tuple[float, ...]:
    """Seconds to `text`, (to `then`), the peak memory (MB) once it shows, and the CPU time
    (user + system) the program had used when `text` was seen: less at the mercy of other
    programs on a shared machine than the wall time."""
    with terminal(command) as term:
        shown = term.wait_for(text)
        cpu = cpu_seconds(term.pid())
        later = shown + term.wait_for(then) if then else shown
        return shown, later, peak_rss_mb(term.pid()), cpu


# Commands run as an installed Supple does, with its modules compiled once (see common.py).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def wall(command: list[str]) -> float:
    return timed(command)[0]


def timed(command: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of a command, launch to exit."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=ENV)
    seconds = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu


def export_of(sessions: int) -> dict[str, Any]:
    """An export of `sessions` daily sessions, ending yesterday."""
    history = daily_history(date.today() - timedelta(days=1), sessions)
    for document in history:
        document.update(stiffness_before=None, stiffness_after=None, note=None)
    return {"format": "supple-export", "version": 1, "sessions": history, "marks": []}


def import_time(folder: Path, sessions: int, runs: int) -> float:
    source = folder / f"export-{sessions}.json"
    source.write_text(json.dumps(export_of(sessions)))
    times = []
    for run in range(runs):
        db = folder / f"import-{sessions}-{run}" / "supple.json"
        db.parent.mkdir()
        times.append(wall([PYTHON, "-m", "tui", "--db", str(db), "import", str(source)]))
    return median(times)


async def heartbeat_stall(seconds: float, work: Any = None) -> float:
    """The longest a 10 ms heartbeat was late (ms) over `seconds`, while `work` runs."""
    loop = asyncio.get_running_loop()
    stall = 0.0
    end = loop.time() + seconds
    if work is not None:
        work()
    while loop.time() < end:
        expected = loop.time() + 0.01
        await asyncio.sleep(0.01)
        stall = max(stall, (loop.time() - expected) * 1000)
    return stall


def saving_stall(db: Path, seconds: float) -> tuple[float, float, float, int]:
    """One save's median cost (ms) on its own; the longest heartbeat stall (ms) with no
    saving, then while a writer thread saves a running session step after step."""
    store = Store.open(db)
    store.prepare()
    zone = timezone(timedelta(hours=1))
    document = session_document(datetime.now(zone), speed=2)
    costs = []
    for n in range(15):
        # A running session saved step after step, as a flow does.
        document["steps"][0]["done"] = n
        began = time.perf_counter()
        store.save_session(document)
        costs.append(time.perf_counter() - began)
    quiet = asyncio.run(heartbeat_stall(seconds))
    writer = BackgroundWriter()
    saved = 0

    def keep_saving() -> None:
        nonlocal saved
        began = time.monotonic()
        while time.monotonic() - began < seconds:
            document["steps"][0]["done"] = saved
            store.save_session(document)
            saved += 1

    busy = asyncio.run(heartbeat_stall(seconds, lambda: writer.submit(keep_saving)))
    writer.close()
    return median(costs) * 1000, quiet, busy, saved


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    stamp = datetime.now().astimezone().isoformat(timespec="minutes")
    print(f"bench/speed.py --runs {args.runs}  ({stamp})")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        ten = folder / "ten" / "supple.json"
        ten.parent.mkdir()
        write_history(ten, daily_history(date.today(), 365 * args.years), layout=True)
        empty = folder / "empty" / "supple.json"
        supple_ten = [PYTHON, "-m", "tui", "--db", str(ten)]
        supple_empty = [PYTHON, "-m", "tui", "--db", str(empty)]
        # The first start of a day writes its backup (and a new file): not start-up cost.
        first_screen(supple_ten, "total")
        first_screen(supple_empty, "total")

        starts: dict[str, list[tuple[float, ...]]] = {"minimal": [], "ten": [], "empty": []}
        tools: dict[str, list[tuple[float, float]]] = {"python": [], "nudge": [], "stats": []}
        for _ in range(args.runs):
            # Interleaved: all see the same moments of a noisy shared machine.
            starts["minimal"].append(first_screen(MINIMAL, "Minimal app ready"))
            starts["ten"].append(first_screen(supple_ten, "total", "streak"))
            starts["empty"].append(first_screen(supple_empty, "total", "streak"))
            tools["python"].append(timed([PYTHON, "-c", "pass"]))
            tools["nudge"].append(timed([*supple_ten, "nudge"]))
            tools["stats"].append(timed([*supple_ten, "stats"]))

        def med(name: str, index: int) -> float:
            return median([run[index] for run in starts[name]])

        minimal, minimal_cpu = med("minimal", 0), med("minimal", 3)
        print("\nFirst screen (tmux, 100×30), medians: wall time, ratio; CPU time, ratio")
        print(
            f"  minimal Textual app      {minimal * 1000:6.0f} ms   1.00"
            f"   {minimal_cpu * 1000:5.0f} ms CPU   1.00"
        )
        subjects = (("ten", f"Supple, {args.years} years"), ("empty", "Supple, empty file"))
        for name, label in subjects:
            shown, streak, cpu = med(name, 0), med(name, 1), med(name, 3)
            print(
                f"  {label:24} {shown * 1000:6.0f} ms   {shown / minimal:.2f}"
                f"   {cpu * 1000:5.0f} ms CPU   {cpu / minimal_cpu:.2f}"
                f"   (streak line at {streak * 1000:.0f} ms, {streak / minimal:.2f})"
            )
        print("\nPeak memory (VmHWM) once the first screen shows, medians:")
        print(f"  minimal Textual app      {med('minimal', 2):6.1f} MB")
        print(f"  Supple, {args.years} years         {med('ten', 2):6.1f} MB")
        print(f"  Supple, empty file       {med('empty', 2):6.1f} MB")

        print("\nCommands at ten years (launch to exit), medians: wall time, CPU time")
        for name in ("python", "nudge", "stats"):
            label = "python -c pass" if name == "python" else f"supple {name}"
            seconds = median([run[0] for run in tools[name]])
            cpu = median([run[1] for run in tools[name]])
            print(f"  {label:24} {seconds * 1000:6.0f} ms   {cpu * 1000:6.0f} ms CPU")

        save, quiet, busy, saved = saving_stall(ten, seconds=5.0)
        print(f"\nSaving at {args.years} years, in this process:")
        print(f"  one save (median of 15)  {save:6.1f} ms")
        print(f"  longest 10 ms heartbeat stall, no saving       {quiet:6.1f} ms")
        print(f"  longest 10 ms heartbeat stall, saving ({saved} saves in 5 s) {busy:6.1f} ms")

        print("\nImport into an empty file (`supple import`, wall time), medians:")
        runs = max(3, args.runs // 2)
        small = import_time(folder, 10_000, runs)
        large = import_time(folder, 20_000, runs)
        print(f"  10,000 sessions          {small:6.2f} s")
        print(f"  20,000 sessions          {large:6.2f} s   {large / small:.2f}× the 10,000")


if __name__ == "__main__":
    main()
