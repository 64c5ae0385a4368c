"""`supple export` and `supple import` of 100,000 sessions, and the refusal of files over the
import limits, timed by a whole-process timer (issue 21 item 12: each ≤ 5 s with ≤ 300 MB peak)."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import PYTHON, ROOT  # noqa: E402

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


def bench(label: str, runs: int, command: list[str], env: dict[str, str]) -> None:
    print(f"== {label}: {' '.join(command)}", flush=True)
    subprocess.run(
        ["a whole-process timer", "-n", str(runs), "--timeout", "900", "--", *command],
        cwd=ROOT,
        env=env,
        check=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sessions", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        # This benchmark is a machine of its own: its id, locks and summary in its folder.
        os.environ["SUPPLE_STATE"] = str(folder / "state")
        os.environ["SUPPLE_CACHE"] = str(folder / "cache")
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        source, export = folder / "source.json", folder / "export.json"
        began = time.perf_counter()
        make_history(source, args.sessions)
        print(f"made {args.sessions:,} sessions in {time.perf_counter() - began:.0f} s")
        subprocess.run([SUPPLE, "--db", str(source), "export", "-o", str(export)], env=env)
        size = export.stat().st_size
        print(f"the export: {size / 10**6:.0f} MB, {size / args.sessions:.0f} bytes a session")

        bench(
            "export, the summary up to date (as after any start)",
            args.runs,
            [SUPPLE, "--db", str(source), "export", "-o", str(export), "--force"],
            env,
        )
        summaries = folder / "cache" / "summaries"
        bench(
            "export, no summary (every session checked)",
            args.runs,
            ["sh", "-c", f'rm -rf "{summaries}"; exec "$0" "$@"', SUPPLE]
            + ["--db", str(source), "export", "-o", str(export), "--force"],
            env,
        )
        target = folder / "target.json"
        bench(
            "import into an empty database",
            args.runs,
            ["sh", "-c", f'rm -rf "{target}" "{folder / "target-sessions"}"; exec "$0" "$@"']
            + [SUPPLE, "--db", str(target), "import", str(export)],
            env,
        )

        sparse = folder / "sparse.json"
        with open(sparse, "wb") as handle:
            handle.truncate(2**30)  # 1 GiB that takes no disk
        bench(
            "import of a 1 GiB (sparse) file: refused",
            args.runs,
            [SUPPLE, "--db", str(target), "import", str(sparse)],
            env,
        )
        objects = folder / "objects.json"
        write_empty_objects(objects, EMPTY_OBJECTS_BYTES)
        bench(
            "import of 180 MB of empty objects: refused",
            args.runs,
            [SUPPLE, "--db", str(target), "import", str(objects)],
            env,
        )


if __name__ == "__main__":
    main()
