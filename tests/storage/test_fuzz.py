"""Random and mutated data files and exports: a clean refusal or a clean read, never a traceback."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import daily_history, session_document, write_history
from tui.cli import main
from tui.commands.stats import load_stats
from tui.domain.routine import default_routine
from tui.storage.errors import StoreError
from tui.storage.store import SCHEMA_VERSION, Store

# Each example writes real files; the tmp folder is shared by a test's examples on purpose.
FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def valid_file_bytes() -> bytes:
    sessions = daily_history(date(2026, 11, 24), 2)
    sessions[1]["ended_at"] = None  # a crashed run, so prepare() has work to do
    tables = {
        "meta": {"1": {"schema": SCHEMA_VERSION}},
        "sessions": {str(n): doc for n, doc in enumerate(sessions, start=1)},
        "marks": {"1": {"date": "2026-11-01", "kind": "rest"}},
        "routine": {"1": default_routine().to_dict()},
        "settings": {"1": {"weekly_goal": 5}},
    }
    return json.dumps(tables).encode()


VALID = valid_file_bytes()

# Values at the edges of what the checks must handle, drawn more often than chance would.
EDGES = [0, -1, 1, 10**30, 1e308, "", "2026-11-26", "done", None, True, [], {}]
edge_values = st.sampled_from([*EDGES, float("nan"), float("inf"), float("-inf")])
scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12)


def json_of(leaves: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.recursive(
        leaves,
        lambda inner: (
            st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
        ),
        max_leaves=12,
    )


# NaN and ±Infinity too: Python's json reads them, so a data file may hold them.
json_values = json_of(edge_values | scalars)


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    err = capsys.readouterr().err
    return code, err


def read_everything(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Whatever `path` holds: it opens, or is refused in one line and left byte for byte."""
    before = path.read_bytes() if path.exists() else None
    try:
        store = Store.open(path)
    except StoreError as error:
        assert "\n" not in str(error) and str(path) in str(error)
        assert path.read_bytes() == before
        for argv in (["stats", "--json"], ["export", "--format", "csv"]):
            code, err = run_cli(capsys, "--db", str(path), *argv)
            assert code == 2 and len(err.strip().splitlines()) == 1
        assert path.read_bytes() == before
        return
    # Opened: every read the app and the commands make works, and none of them writes.
    store.sessions()
    store.checked_sessions()
    store.marks()
    store.routine()
    store.settings()
    store.export_data()
    load_stats(store)
    for argv in (["stats", "--json"], ["export"], ["export", "--format", "csv"]):
        assert run_cli(capsys, "--db", str(path), *argv)[0] == 0
    assert path.read_bytes() == before
    # The start of the app may write (closing crashed runs, upgrading); it loses nothing.
    sessions = len(store.sessions())
    store.prepare()
    assert len(Store.open(path).sessions()) == sessions


@FUZZ
@given(content=st.binary(max_size=200))
def test_random_bytes(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes) -> None:
    path = tmp_path / "supple.json"
    path.write_bytes(content)
    read_everything(path, capsys)


@FUZZ
@given(data=st.data())
def test_a_valid_file_cut_short_or_with_flipped_bytes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: st.DataObject
) -> None:
    content = bytearray(VALID)
    if data.draw(st.booleans(), label="truncate"):
        content = content[: data.draw(st.integers(0, len(content) - 1), label="length")]
    for _ in range(data.draw(st.integers(0, 4), label="flips")):
        if content:
            at = data.draw(st.integers(0, len(content) - 1), label="at")
            content[at] ^= 1 << data.draw(st.integers(0, 7), label="bit")
    path = tmp_path / "supple.json"
    path.write_bytes(bytes(content))
    read_everything(path, capsys)


@FUZZ
@given(value=json_values)
def test_random_json(tmp_path: Path, capsys: pytest.CaptureFixture[str], value: Any) -> None:
    path = tmp_path / "supple.json"
    path.write_text(json.dumps(value))
    read_everything(path, capsys)


def replace_somewhere(
    data: st.DataObject, value: Any, values: st.SearchStrategy[Any] = json_values
) -> Any:
    """`value` with one part, chosen at random at any depth, replaced by one of `values`."""
    if isinstance(value, dict) and value and data.draw(st.booleans(), label="deeper"):
        key = data.draw(st.sampled_from(sorted(value)), label="key")
        return {**value, key: replace_somewhere(data, value[key], values)}
    if isinstance(value, list) and value and data.draw(st.booleans(), label="deeper"):
        at = data.draw(st.integers(0, len(value) - 1), label="index")
        return [*value[:at], replace_somewhere(data, value[at], values), *value[at + 1 :]]
    return data.draw(values, label="replacement")


@FUZZ
@given(data=st.data())
def test_random_documents_in_a_valid_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: st.DataObject
) -> None:
    tables = json.loads(VALID)
    for _ in range(data.draw(st.integers(1, 3), label="changes")):
        tables = replace_somewhere(data, tables)
    path = tmp_path / "supple.json"
    path.write_text(json.dumps(tables))
    read_everything(path, capsys)


@pytest.fixture(scope="module")
def an_export(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from tui.domain.session import local_now

    db = tmp_path_factory.mktemp("export") / "s.json"
    sessions = daily_history(local_now().date() - timedelta(days=1), 3)
    sessions.append(session_document(local_now() - timedelta(days=9), completed=False))
    write_history(db, sessions, [(date(2026, 11, 1), "rest")], settings={"weekly_goal": 4})
    exported: dict[str, Any] = Store.open(db).export_data()
    return exported


@FUZZ
@given(data=st.data())
def test_random_exports_are_imported_whole_or_not_at_all(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    an_export: dict[str, Any],
    data: st.DataObject,
) -> None:
    db, source = tmp_path / "s.json", tmp_path / "in.json"
    write_history(db, daily_history(date(2026, 10, 1), 2))
    before = db.read_bytes()
    if data.draw(st.booleans(), label="whole random"):
        incoming = data.draw(json_values, label="export")
    else:
        incoming = an_export
        for _ in range(data.draw(st.integers(1, 3), label="changes")):
            incoming = replace_somewhere(data, incoming, json_values)
    source.write_text(json.dumps(incoming))
    code, err = run_cli(capsys, "--db", str(db), "import", str(source))
    if code == 2:
        assert len(err.strip().splitlines()) == 1
        assert db.read_bytes() == before  # checked before any write: nothing was imported
    else:
        assert code == 0
        store = Store.open(db)  # what an import wrote is a file Supple reads
        assert len(store.checked_sessions()) >= 2


def test_an_export_with_an_infinite_number_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, an_export: dict[str, Any]
) -> None:
    db, source = tmp_path / "s.json", tmp_path / "in.json"
    source.write_text(
        json.dumps({**an_export, "routine": {**an_export["routine"], "ready_s": 1e400}})
    )
    code, err = run_cli(capsys, "--db", str(db), "import", str(source))
    assert code == 2 and len(err.strip().splitlines()) == 1
