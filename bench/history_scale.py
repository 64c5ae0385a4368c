"""The history screen and `supple stats` on 1, 3 and 10 years of daily sessions.

For each size: time to the history screen against time to the home screen on the same file
(same run), peak memory of the app, the wall time of `supple stats`, and the cost of saving
one session into that file.
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

from common import PYTHON, cpu_seconds, median, peak_rss_mb, terminal

from tests.factories import daily_history, session_document, write_history
from tui.storage.layout import session_files
from tui.storage.store import Store


def screen_time(db: Path, args: list[str], text: str) -> tuple[float, float, float]:
    """Seconds to `text`, the peak memory (MB), and the CPU time the app had used then."""
    with terminal([PYTHON, "-m", "tui", "--db", str(db), *args]) as term:
        seconds = term.wait_for(text)
        cpu = cpu_seconds(term.pid())
        return seconds, peak_rss_mb(term.pid()), cpu


def data_size(db: Path) -> int:
    """The main file and its year files."""
    return db.stat().st_size + sum(p.stat().st_size for p in session_files(db).values())


def stats_time(db: Path) -> float:
    began = time.perf_counter()
    subprocess.run([PYTHON, "-m", "tui", "--db", str(db), "stats"], check=True, capture_output=True)
    return time.perf_counter() - began


def save_cost(db: Path, runs: int) -> float:
    store = Store.open(db)
    costs = []
    for _ in range(runs):
        document = session_document(datetime.now().astimezone(), speed=2)
        began = time.perf_counter()
        store.save_session(document)
        costs.append(time.perf_counter() - began)
    return median(costs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--years", type=int, nargs="*", default=[1, 3, 10])
    args = parser.parse_args()
    print(
        f"{'years':>5} {'sessions':>8} {'data MB':>7} {'home ms':>8} {'history ms':>10} "
        f"{'history − home':>14} {'CPU h − h':>9} {'peak MB':>7} {'stats ms':>8} {'save ms':>7}"
    )
    with tempfile.TemporaryDirectory() as folder:
        for years in args.years:
            db = Path(folder) / f"{years}y.json"
            write_history(db, daily_history(date.today(), 365 * years))
            Store.open(db).prepare()
            screen_time(db, [], "total")  # first start of the day makes its backup
            home, history, memory, stats = [], [], [], []
            home_cpu, history_cpu = [], []
            for _ in range(args.runs):
                seconds, _, cpu = screen_time(db, [], "total")
                home.append(seconds)
                home_cpu.append(cpu)
                seconds, rss, cpu = screen_time(db, ["history"], "Longest streak")
                history.append(seconds)
                history_cpu.append(cpu)
                memory.append(rss)
                stats.append(stats_time(db))
            save = save_cost(db, args.runs)
            print(
                f"{years:>5} {365 * years:>8} {data_size(db) / 1e6:>7.1f} "
                f"{median(home) * 1000:>8.0f} {median(history) * 1000:>10.0f} "
                f"{(median(history) - median(home)) * 1000:>14.0f} "
                f"{(median(history_cpu) - median(home_cpu)) * 1000:>9.0f} {median(memory):>7.0f} "
                f"{median(stats) * 1000:>8.0f} {save * 1000:>7.0f}"
            )


if __name__ == "__main__":
    main()
