"""Issue 22: what sharing one history between machines costs.

- Absorbing a sync tool's conflict copy at a start: `Store.prepare()` on a ten-year history
  (3,650 daily sessions) with one copy to merge, timed in this process against the same
  start with nothing to absorb, each from a fresh store: a copy of the main file (other
  settings and marks), and a copy of a whole year's file (365 sessions, 30 of them edited on
  the other side, as Syncthing leaves it when both sides saved that year).
- The first screen with three machines' files of ten years each: run
  `bench/paint_cpu.py --machines 3`, which draws it against a minimal Textual app.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from common import median

from tests.factories import daily_history, write_history, year_file
from tui.storage.store import Store


def timed_prepare(db: Path) -> float:
    store = Store(db)
    began = time.perf_counter()
    store.prepare()
    return time.perf_counter() - began


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        import os

        os.environ["SUPPLE_STATE"] = str(folder / "state")
        os.environ["SUPPLE_CACHE"] = str(folder / "cache")
        template = folder / "template"
        template.mkdir()
        db = template / "supple.json"
        write_history(db, daily_history(date.today(), 3650), layout=True)
        store = Store.open(db)
        store.prepare()
        store.session_facts()  # the summary, as any earlier start leaves it
        # What the other side changed: settings and marks, and 30 sessions of this year.
        main_copy = json.loads(db.read_text())
        main_copy["settings"] = {"1": {"weekly_goal": 4}}
        main_copy["stamps"] = {"1": {"settings.weekly_goal": ["2099-01-01T00:00:00.000000Z", "x"]}}
        main_copy["marks"] = {"1": {"date": "2020-01-01", "kind": "rest"}}
        year = year_file(db, str(date.today().year))
        year_copy = json.loads(year.read_text())
        for number, document in list(year_copy["sessions"].items())[:30]:
            year_copy["sessions"][number] = {
                **document,
                "note": "edited on the other computer",
                "updated_at": "2099-01-01T00:00:00+00:00",
            }
        sessions_in_year = len(year_copy["sessions"])
        # An older Supple's single file holding all ten years, saved on the other side too.
        bundle_file = folder / "bundle.json"
        write_history(bundle_file, daily_history(date.today(), 3650, at_hour=18))
        bundle_copy = json.loads(bundle_file.read_text())
        cases = {
            "nothing to absorb": None,
            "a copy of the main file": (
                "supple.sync-conflict-20261206-212054-75YE3JB.json",
                main_copy,
            ),
            f"a copy of a year's file ({sessions_in_year} sessions)": (
                f"{year.stem}.sync-conflict-20261206-212054-75YE3JB.json",
                year_copy,
            ),
            "a copy of a ten-year single file (3,650)": (
                "supple.sync-conflict-20261206-212055-75YE3JB.json",
                bundle_copy,
            ),
        }
        times: dict[str, list[float]] = {label: [] for label in cases}
        for run in range(args.runs):
            for label, case in cases.items():
                work = folder / f"run-{run}-{len(times[label])}"
                shutil.copytree(template, work)
                copy_db = work / "supple.json"
                if case is not None:
                    copy_name, content = case
                    place = (
                        copy_db.parent
                        if copy_name.startswith("supple.")
                        else year_file(copy_db).parent
                    )
                    (place / copy_name).write_text(json.dumps(content))
                times[label].append(timed_prepare(copy_db))
                if case is not None:
                    assert not (place / copy_name).exists(), "the copy was not absorbed"
                shutil.rmtree(work)
    print(f"Store.prepare() at ten years (3,650 sessions), medians of {args.runs}:")
    for label, values in times.items():
        print(f"  {label:42} {median(values) * 1000:7.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
