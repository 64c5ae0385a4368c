"""`supple export` and `supple import` of 100,000 sessions, and the refusal of files over the
import limits (issue 21 item 12: each ≤ 5 s with ≤ 300 MB peak), timed from outside the
process as /usr/bin/time -v does: wall clock, user + system CPU and peak memory (ru_maxrss)
of each whole run, launch to exit."""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import PYTHON  # noqa: E402

SUPPLE = str(Path(PYTHON).with_name("supple"))
EMPTY_OBJECTS_BYTES = 180 * 10**6


def make_history(db: Path, sessions: int) -> None:
    """`sessions` sessions, four a day (about 68 years for 100,000), in today's layout; then
    opened once as any start does, which writes the summary an export trusts."""
    from tests.factories import session_document, write_history
    from tui.storage.store import Store

    zone = timezone(timedelta(hours=1))
    first = datetime(2026, 12, 1, 7, tzinfo=zone) - timedelta(days=sessions // 4)
    documents = (
        session_document(first + timedelta(days=n // 4, hours=3 * (n % 4))) for n in range(sessions)
    )
    write_history(db, documents, layout=True)
    Store.open(db)


def write_empty_objects(path: Path, size: int) -> None:
    """A JSON list of empty objects, `size` bytes: small to write, ruinous to parse."""
    block = b"{}," * 1_000_000
    with open(path, "wb") as handle:
        handle.write(b"[")
        written = 1
        while written + len(block) < size - 3:
            handle.write(block)
            written += len(block)
        handle.write(b"{}]")


def run_once(command: list[str], env: dict[str, str]) -> tuple[float, float, float, int]:
    """(wall s, CPU s, peak MiB, exit code) of one whole run, from the kernel's accounting.
    The peak cannot read below this process's own (about 20 MiB), as for /usr/bin/time."""
    began = time.perf_counter()
    child = subprocess.Popen(
        command, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - began
    child.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, child.returncode


def bench(
    label: str,
    runs: int,
    command: list[str],
    env: dict[str, str],
    before: Callable[[], None] = lambda: None,
) -> None:
    """One warm-up run, then `runs` runs; min, median and max of each figure."""
    print(f"== {label}: {' '.join(command)}", flush=True)
    results = []
    for number in range(runs + 1):
        before()  # not timed
        measured = run_once(command, env)
        if number:
            results.append(measured)
    codes = sorted({r[3] for r in results})
    for index, name in ((0, "wall s"), (1, "cpu s"), (2, "peak MiB")):
        values = [r[index] for r in results]
        print(
            f"   {name:9} min {min(values):8.3f}  median {statistics.median(values):8.3f}"
            f"  max {max(values):8.3f}   (exit {codes}, {runs} runs)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sessions", type=int, default=100_000)
    parser.add_argument("--make", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make is not None:
        make_history(args.make, args.sessions)
        return
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        # This benchmark is a machine of its own: its id, locks and summary in its folder.
        os.environ["SUPPLE_STATE"] = str(folder / "state")
        os.environ["SUPPLE_CACHE"] = str(folder / "cache")
        # As an installed Supple runs: its modules compiled once, not at every start.
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        source, export = folder / "source.json", folder / "export.json"
        began = time.perf_counter()
        # In a process of its own: a child's peak memory starts from its parent's at the fork
        # (Linux keeps the larger), and the history takes 1.4 GB to make.
        making = [PYTHON, __file__, "--make", str(source), "--sessions", str(args.sessions)]
        subprocess.run(making, env=env, check=True)
        print(f"made {args.sessions:,} sessions in {time.perf_counter() - began:.0f} s")
        subprocess.run([SUPPLE, "--db", str(source), "export", "-o", str(export)], env=env)
        size = export.stat().st_size
        print(f"the export: {size / 10**6:.0f} MB, {size / args.sessions:.0f} bytes a session")

        exporting = [SUPPLE, "--db", str(source), "export", "-o", str(export), "--force"]
        bench("export, the summary up to date (as after any start)", args.runs, exporting, env)
        summaries = folder / "cache" / "summaries"
        bench(
            "export, no summary (every session checked)",
            args.runs,
            exporting,
            env,
            before=lambda: shutil.rmtree(summaries, ignore_errors=True),
        )
        target = folder / "target.json"

        def empty_target() -> None:
            target.unlink(missing_ok=True)
            shutil.rmtree(folder / "target-sessions", ignore_errors=True)

        importing = [SUPPLE, "--db", str(target), "import", str(export)]
        bench("import into an empty database", args.runs, importing, env, before=empty_target)

        sparse = folder / "sparse.json"
        with open(sparse, "wb") as handle:
            handle.truncate(2**30)  # 1 GiB that takes no disk
        refusing = [SUPPLE, "--db", str(target), "import", str(sparse)]
        bench("import of a 1 GiB (sparse) file: refused", args.runs, refusing, env)
        objects = folder / "objects.json"
        write_empty_objects(objects, EMPTY_OBJECTS_BYTES)
        refusing = [SUPPLE, "--db", str(target), "import", str(objects)]
        bench("import of 180 MB of empty objects: refused", args.runs, refusing, env)


if __name__ == "__main__":
    main()
