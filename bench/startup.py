"""Time from launching to the first screen: Supple (with years of history) against a minimal app."""

from __future__ import annotations

import argparse
import tempfile
from datetime import date
from pathlib import Path

from common import BENCH, PYTHON, median, terminal

from tests.factories import daily_history, write_history


def first_screen(command: list[str], text: str) -> float:
    with terminal(command) as term:
        return term.wait_for(text)


def main() -> dict[str, float]:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    times: dict[str, list[float]] = {"minimal Textual app": [], "supple": []}
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "supple.json"
        write_history(db, daily_history(date.today(), 365 * args.years))
        supple = [PYTHON, "-m", "tui", "--db", str(db)]
        first_screen(supple, "total")  # the daily backup of a new file is not start-up cost
        for _ in range(args.runs):
            # Interleaved: both see the same moments of a noisy shared machine.
            times["minimal Textual app"].append(
                first_screen([PYTHON, str(BENCH / "minimal_app.py")], "Minimal app ready")
            )
            times["supple"].append(first_screen(supple, "total"))
    medians = {name: median(values) for name, values in times.items()}
    ratio = medians["supple"] / medians["minimal Textual app"]
    for name, value in medians.items():
        print(f"{name:22} first screen {value * 1000:7.0f} ms (median of {args.runs})")
    print(f"ratio supple / minimal: {ratio:.2f}")
    return {**medians, "ratio": ratio}


if __name__ == "__main__":
    main()
