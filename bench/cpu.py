"""CPU of Supple during a hold, during cat–cow and idle, against a naive 30 Hz Textual timer."""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from common import BENCH, PYTHON, cpu_percent, median, terminal

from tui.domain.routine import Kind, Routine, Sides, Stretch
from tui.storage.store import Store

LONG_HOLD = Routine(
    name="bench hold",
    stretches=(
        Stretch(key="h", name="Long hold", instructions="Hold.", hold_s=30, sides=Sides.NONE),
    ),
    ready_s=1,
)
LONG_REPS = Routine(
    name="bench reps",
    stretches=(
        Stretch(
            key="c",
            name="Cat–cow",
            instructions="Breathe.",
            kind=Kind.REPS,
            sides=Sides.NONE,
            reps=30,
            inhale_s=4,
            exhale_s=4,
        ),
    ),
    ready_s=1,
)


def database(folder: Path, routine: Routine) -> Path:
    path = folder / f"{routine.name.replace(' ', '-')}.json"
    store = Store.open(path)
    store.prepare()
    store.save_routine(routine)
    # The stiffness question before a flow would hold the start: this measures the flow.
    store.save_settings({"stiffness": "never"})
    return path


def supple(db: Path, start: bool, window: float) -> float:
    with terminal([PYTHON, "-m", "tui", "--db", str(db)]) as term:
        term.wait_for("total")
        if start:
            term.keys("Enter")
            term.wait_for("Hold" if "hold" in db.name else "Breathe")
            time.sleep(1.0)
        else:
            time.sleep(1.0)
        return cpu_percent(term.pid(), window)


def naive(hz: int, window: float) -> float:
    with terminal([PYTHON, str(BENCH / "naive_timer.py"), str(hz)]) as term:
        term.wait_for("━")
        time.sleep(1.0)
        return cpu_percent(term.pid(), window)


def main() -> dict[str, float]:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--window", type=float, default=8.0)
    args = parser.parse_args()
    results: dict[str, list[float]] = {
        "naive 30 Hz timer": [],
        "naive 10 Hz timer": [],
        "supple hold": [],
        "supple cat–cow": [],
        "supple idle (home)": [],
    }
    with tempfile.TemporaryDirectory() as folder:
        hold_db = database(Path(folder), LONG_HOLD)
        reps_db = database(Path(folder), LONG_REPS)
        # Interleaved, so a noisy minute on the shared machine hits every subject alike.
        for _ in range(args.runs):
            results["naive 30 Hz timer"].append(naive(30, args.window))
            results["naive 10 Hz timer"].append(naive(10, args.window))
            results["supple hold"].append(supple(hold_db, True, args.window))
            results["supple cat–cow"].append(supple(reps_db, True, args.window))
            results["supple idle (home)"].append(supple(hold_db, False, args.window))
    medians = {name: median(values) for name, values in results.items()}
    reference = medians["naive 30 Hz timer"]
    for name, value in medians.items():
        print(
            f"{name:24} {value:6.2f} % of one core   ratio to naive 30 Hz: {value / reference:.2f}"
        )
    return medians


if __name__ == "__main__":
    main()
