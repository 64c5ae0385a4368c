"""The store against a real file: atomic writes, sessions that survive a crash, bad files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.factories import year_file
from tui.domain.routine import default_routine
from tui.domain.session import Session
from tui.storage.atomic import TEMP_PREFIX, write_atomically
from tui.storage.errors import StoreError
from tui.storage.store import SCHEMA_VERSION, Store
from tui.storage.writer import BackgroundWriter


def a_session(**changes: object) -> dict[str, object]:
    from datetime import datetime, timedelta, timezone

    start = datetime(2026, 11, 20, 7, 30, tzinfo=timezone(timedelta(hours=1)))
    session = Session(started_at=start, routine="Lower-back flow")
    document = session.to_document()
    document.update(changes)
    return document


def test_a_new_file_is_created_with_its_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "supple.json"
    store = Store.open(path)
    store.prepare()
    data = json.loads(path.read_text())
    (header,) = data["meta"].values()
    assert header["kind"] == "main" and header["schema"] == SCHEMA_VERSION
    assert isinstance(header["db"], str) and len(header["db"]) == 16


def test_the_file_is_valid_json_after_every_write(tmp_path: Path) -> None:
    path = tmp_path / "supple.json"
    store = Store.open(path)
    store.prepare()
    session = a_session()
    for done in range(1, 10):
        session["steps"] = [
            {
                "name": "x",
                "side": None,
                "unit": "s",
                "planned": 9,
                "done": done,
                "status": "partial",
            }
        ] * done
        store.save_session(session)
        json.loads(path.read_text())
        saved = json.loads(year_file(tmp_path / "supple.json").read_text())["sessions"]
        assert len(saved) == 1
        assert len(next(iter(saved.values()))["steps"]) == done
    assert not list(tmp_path.rglob(f"{TEMP_PREFIX}*"))


def test_saving_twice_with_one_id_updates_not_duplicates(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s.json")
    doc = a_session()
    store.save_session(doc)
    store.save_session({**doc, "completed": True})
    assert [s["completed"] for s in store.sessions()] == [True]


def test_a_session_survives_a_process_that_dies_mid_run(tmp_path: Path) -> None:
    """A real process saves a running session after one step, then is killed outright."""
    path = tmp_path / "supple.json"
    script = textwrap.dedent(
        f"""
        import os, signal
        from datetime import datetime
        from pathlib import Path
        from tui.domain.session import Session
        from tui.storage.store import Store
        store = Store.open(Path({str(path)!r}))
        store.prepare()
        s = Session(started_at=datetime.now().astimezone(), routine="Lower-back flow")
        s.steps.append({{"name": "Knee to chest", "side": "left", "unit": "s",
                         "planned": 20, "done": 20, "status": "done"}})
        store.save_session(s.to_document())
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=Path(__file__).parents[2])
    assert result.returncode == -9
    store = Store.open(path)
    assert store.prepare() == 1  # closed as unfinished on the next start
    (session,) = store.sessions()
    assert session["completed"] is False
    assert session["ended_at"] is not None
    assert session["steps"][0]["done"] == 20


def test_routine_and_settings_round_trip(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s.json")
    assert store.routine() == default_routine()
    routine = default_routine()
    reordered = routine.with_stretches(tuple(reversed(routine.stretches)))
    store.save_routine(reordered)
    store.save_settings({"weekly_goal": 5})
    store.save_settings({"muted": True})
    again = Store.open(tmp_path / "s.json")
    assert again.routine() == reordered
    assert again.settings() == {"weekly_goal": 5, "muted": True}


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty"),
        (b'{"sessions": {"1": {"id": ', "not valid JSON"),
        (b"\xff\xfe\x00", "not text"),
        (b"[1, 2, 3]", "wrong shape"),
        (b'{"meta": {"1": {"schema": 99}}}', "newer Supple"),
    ],
)
def test_a_file_it_cannot_read_is_refused_and_left_untouched(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    path = tmp_path / "supple.json"
    path.write_bytes(content)
    with pytest.raises(StoreError) as caught:
        Store.open(path)
    message = str(caught.value)
    assert problem in message and str(path) in message and "\n" not in message
    assert path.read_bytes() == content


def test_write_atomically_leaves_the_old_file_when_the_write_fails(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    path.write_text('{"old": {}}')

    class Boom(Exception):
        pass

    real_replace = os.replace

    def failing_replace(*args: object) -> None:
        raise Boom

    os.replace = failing_replace  # type: ignore[assignment]
    try:
        with pytest.raises(Boom):
            write_atomically(path, '{"new": {}}')
    finally:
        os.replace = real_replace
    assert path.read_text() == '{"old": {}}'
    assert not list(tmp_path.glob(f"{TEMP_PREFIX}*"))


def test_background_writes_keep_their_order_and_finish_on_close(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s.json")
    writer = BackgroundWriter()
    doc = a_session()
    step = {"name": "x", "side": None, "unit": "s", "planned": 30, "status": "partial"}
    for n in range(20):
        writer.submit(store.save_session, {**doc, "steps": [{**step, "done": n}]})
    writer.close()
    assert store.sessions()[0]["steps"][0]["done"] == 19


def test_a_run_still_going_in_another_process_is_not_closed(tmp_path: Path) -> None:
    """Only sessions whose player died are closed: a live run holds its lock."""
    path = tmp_path / "supple.json"
    store = Store.open(path)
    live, dead = a_session(), a_session()
    store.save_session(live)
    store.save_session(dead)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from filelock import FileLock; "
            f"l = FileLock({str(store.run_lock(str(live['id'])).lock_file)!r}); l.acquire(); "
            "print('held', flush=True); sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        assert store.prepare() == 1
        by_id = {s["id"]: s for s in store.sessions()}
        assert by_id[live["id"]]["ended_at"] is None
        assert by_id[dead["id"]]["ended_at"] is not None
    finally:
        holder.kill()
        holder.wait()
    assert store.prepare() == 1  # its process gone, the live one is closed too


def test_reads_see_a_change_made_by_another_store_on_the_same_file(tmp_path: Path) -> None:
    """Reads are cached per version of the file; a write elsewhere is a new version."""
    path = tmp_path / "supple.json"
    mine, theirs = Store.open(path), Store.open(path)
    mine.save_session(a_session())
    assert len(mine.sessions()) == 1 and len(mine.checked_sessions()) == 1
    theirs.save_session(a_session())
    theirs.save_settings({"weekly_goal": 3})
    assert len(mine.sessions()) == 2 and len(mine.checked_sessions()) == 2
    assert mine.history_settings().weekly_goal == 3


def test_a_write_that_fails_in_the_writer_thread_reports_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "supple.json"
    store = Store.open(path)
    store.prepare()
    path.write_text("{broken")
    errors: list[BaseException] = []
    writer = BackgroundWriter(on_error=errors.append)
    future = writer.submit(store.save_session, a_session())
    with pytest.raises(StoreError):
        future.result()
    writer.close()
    assert isinstance(errors[0], StoreError) and str(path) in str(errors[0])
    assert path.read_text() == "{broken"


def test_local_work_runs_after_the_writes_queued_before_it(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s.json")
    writer = BackgroundWriter()
    writer.submit(store.save_session, a_session())
    seen = writer.submit(lambda: len(Store.open(store.path).sessions()))
    assert seen.result() == 1
    writer.close()


def test_a_save_writes_exactly_what_a_whole_serialisation_would(tmp_path: Path) -> None:
    """Saves reuse the JSON of the sessions they did not change: the bytes must be the same
    as serialising the whole year afresh, save after save, and across stores."""
    from tui.storage.atomic import read_json_file
    from tui.storage.store import dumps

    path = tmp_path / "supple.json"
    year = year_file(tmp_path / "supple.json")
    store = Store.open(path)
    documents = [a_session() for _ in range(3)]
    for round_ in range(3):
        for document in documents:
            document["steps"] = [
                {
                    "name": "é",
                    "side": None,
                    "unit": "s",
                    "planned": 9,
                    "done": round_,
                    "status": "partial",
                }
            ]
            store.save_session(document)
            assert year.read_text(encoding="utf-8") == dumps(read_json_file(year) or {})
        Store.open(path).save_session(documents[0])  # another store, its own first write
    assert [s["steps"][0]["done"] for s in Store.open(path).sessions()] == [2, 2, 2]


def test_an_export_held_whole_carries_the_deletions(tmp_path: Path) -> None:
    """The app's "Export history" (Store.export_data) as `supple export` does: a deletion
    reaches the database the export is imported into."""
    from tui.domain.export_format import parse_export

    path = tmp_path / "supple.json"
    store = Store.open(path)
    kept, gone = a_session(), {**a_session(), "id": "gone"}
    store.save_session(kept)
    store.save_session(gone)
    other = Store.open(tmp_path / "other.json")
    other.save_session(gone)
    assert store.delete_session("gone")
    data = json.loads(json.dumps(store.export_data()))
    assert [d["id"] for d in data["deleted"]] == ["gone"]
    assert [d["id"] for d in data["sessions"]] == [kept["id"]]
    other.merge(parse_export(data))
    assert [d["id"] for d in other.sessions()] == [kept["id"]]
