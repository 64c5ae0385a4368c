"""CPU time to the first frame: Supple against a minimal Textual app, less at the mercy of a
shared machine than wall time.

Each subject runs in a fresh interpreter with the headless driver and exits as soon as the
app has drawn its first frame (`App._display` first called); it prints the CPU time (user +
system, `time.process_time`) it took from the interpreter's start of its script to then. The
subjects are interleaved, and each figure is a median.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import textwrap
from datetime import date
from pathlib import Path

from common import PYTHON, ROOT, median

from tests.factories import daily_history, write_history

CHILD = textwrap.dedent(
    """
    import sys, time
    began = time.process_time()
    if sys.argv[1] != "minimal":
        # What the `supple` command does first (tui/__main__.py), before any import.
        import gc

        gc.disable()
    marks = {}
    from textual.app import App

    real_display, real_run = App._display, App.run

    def display(self, screen, renderable):
        result = real_display(self, screen, renderable)
        if "paint" not in marks:
            marks["paint"] = time.process_time()
            self.exit()
        return result

    App._display = display
    # The app as the command line runs it, but with the headless driver.
    App.run = lambda self, **options: real_run(self, headless=True)
    if sys.argv[1] == "minimal":
        from textual.widgets import Label

        class Minimal(App):
            def compose(self):
                yield Label("Minimal app ready")

        Minimal().run()
    else:
        from tui.cli import main

        main(["--db", sys.argv[2], *sys.argv[3:]])
    print((marks["paint"] - began) * 1000)
    """
)


def cpu_to_paint(*args: str) -> float:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(ROOT)
    out = subprocess.run(
        [PYTHON, "-c", CHILD, *args], capture_output=True, text=True, env=env, check=True
    ).stdout
    return float(out.strip().splitlines()[-1])


def other_machine(db: Path, number: int, days: int) -> None:
    """Another computer's sessions in its own folder (as a sync tool brings them), one a day
    at another hour, with its record in the main file, as that computer would have written."""
    import json

    from tui.storage.layout import session_key, sessions_folder

    machine = f"machine{'abcdefg'[number]}{'2' * 4}"
    folder = sessions_folder(db) / machine
    folder.mkdir()
    main = json.loads(db.read_text())
    db_id = main["meta"]["1"]["db"]
    by_year: dict[str, list[object]] = {}
    for document in daily_history(date.today(), days, at_hour=7 + 4 * number):
        by_year.setdefault(session_key(document), []).append(document)
    for year, documents in by_year.items():
        header = {"kind": "year", "db": db_id, "schema": 3, "machine": machine, "year": year}
        table = {str(n): d for n, d in enumerate(documents, 1)}
        (folder / f"{year}.json").write_text(json.dumps({"meta": {"1": header}, "sessions": table}))
    files = {year: len(documents) for year, documents in by_year.items()}
    record = {"id": machine, "name": f"computer {number}", "at": "2026-12-01T07:00:00.000000Z"}
    main["machines"][str(number + 1)] = {**record, "files": files}
    db.write_text(json.dumps(main))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument(
        "--machines", type=int, default=1, help="computers that each wrote --years of history"
    )
    parser.add_argument(
        "--lang",
        action="append",
        default=[],
        metavar="CODE",
        help="also the --years history with `supple --lang CODE` (issue 25: its words' cost)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "ten").mkdir()
        (folder / "empty").mkdir()
        ten, empty = folder / "ten" / "supple.json", folder / "empty" / "supple.json"
        write_history(ten, daily_history(date.today(), 365 * args.years), layout=True)
        for number in range(1, args.machines):
            other_machine(ten, number, 365 * args.years)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        for db in (ten, empty):
            cpu_to_paint("supple", str(db))  # the day's backup; modules compiled once
            # The summary beside the sessions, which the app writes once its streak shows
            # (after the frame this measures), as `supple stats` does.
            command = [PYTHON, "-m", "tui", "--db", str(db), "stats"]
            subprocess.run(command, check=True, capture_output=True, env=env)
        times: dict[str, list[float]] = {"minimal": [], "ten": [], "empty": []}
        times.update({code: [] for code in args.lang})
        for code in args.lang:
            cpu_to_paint("supple", str(ten), "--lang", code)  # its catalog read once
        for _ in range(args.runs):
            times["minimal"].append(cpu_to_paint("minimal"))
            times["ten"].append(cpu_to_paint("supple", str(ten)))
            times["empty"].append(cpu_to_paint("supple", str(empty)))
            for code in args.lang:
                times[code].append(cpu_to_paint("supple", str(ten), "--lang", code))
    minimal = median(times["minimal"])
    print(f"CPU time to the first frame, headless, medians of {args.runs}:")
    print(f"  minimal Textual app      {minimal:6.0f} ms   1.00")
    many = f" × {args.machines} machines" if args.machines > 1 else ""
    for name, label in (
        ("ten", f"Supple, {args.years} years{many}"),
        ("empty", "Supple, empty file"),
        *((code, f"Supple, {args.years} years, --lang {code}") for code in args.lang),
    ):
        value = median(times[name])
        print(f"  {label:24} {value:6.0f} ms   {value / minimal:.2f}")


if __name__ == "__main__":
    sys.exit(main())
