"""`supple remind` at ten years of daily history when nothing is due, timed as whole processes
(launch to exit, the kernel's accounting) against `supple nudge` on the same file and
`python -c pass`, interleaved (issue 23: at most 0.1 s)."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import PYTHON, median, whole_run  # noqa: E402
from tests.factories import daily_history, write_history  # noqa: E402
from tui.storage.store import Store  # noqa: E402

SUPPLE = str(Path(PYTHON).with_name("supple"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "supple.json"
        # Today done (the last daily session is today's), a 00:00 reminder every day: the
        # reminder time has come, so remind reads the whole history to find nothing is due,
        # the slowest of its quiet answers (off, not the day, not the time yet answer sooner).
        settings = {"reminder": True, "reminder_times": ["00:00"], "reminder_days": [*range(7)]}
        write_history(
            db, daily_history(date.today(), 365 * args.years), settings=settings, layout=True
        )
        Store(db).session_facts()  # the summary beside the sessions is written once, as in use
        subjects = {
            "remind, nothing due": [SUPPLE, "--db", str(db), "remind"],
            "nudge, nothing to say": [SUPPLE, "--db", str(db), "nudge"],
            "python -c pass": [PYTHON, "-c", "pass"],
        }
        for command in subjects.values():
            whole_run(command, env)  # warm-up: modules compiled, caches as in use
        runs: dict[str, list[tuple[float, float, float]]] = {label: [] for label in subjects}
        for _ in range(args.runs):
            for label, command in subjects.items():
                runs[label].append(whole_run(command, env))
    print(f"Whole process, launch to exit, medians of {args.runs} (interleaved):")
    for label, figures in runs.items():
        wall, cpu = (median([f[i] for f in figures]) for i in range(2))
        print(f"  {label:24} wall {wall:6.3f} s   CPU {cpu:6.3f} s")


if __name__ == "__main__":
    main()
