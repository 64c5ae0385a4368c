"""A data file in a place that cannot be written, or reached, is refused at once, in one line."""

from __future__ import annotations

import errno
import tempfile
from pathlib import Path

import pytest

from tests.factories import session_document, write_history
from tests.test_cli import run
from tests.unprivileged import run_supple
from tui.domain.session import local_now

UNWRITABLE = "/proc/x.json"


@pytest.fixture(autouse=True)
def no_app(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app must never open on such a place: it would wait on a lock on a blank screen."""

    def refuse(*_: object) -> int:
        raise AssertionError("the app was opened")

    monkeypatch.setattr("tui.cli.run_app", refuse)


@pytest.mark.parametrize(
    "command", [[], ["history"], ["edit"], ["stats"], ["stats", "--json"], ["export"]]
)
def test_an_unwritable_place_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    code, out, err = run(capsys, "--db", UNWRITABLE, *command)
    assert code == 2 and out == ""
    assert err.count("\n") == 1
    assert err.startswith("supple: cannot use the data file /proc/x.json: /proc cannot be written")
    assert "--db" in err and "restore" not in err and "lock" not in err


def test_import_into_an_unwritable_place_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    export = tmp_path / "e.json"
    export.write_text("{}", encoding="utf-8")
    code, _, err = run(capsys, "--db", UNWRITABLE, "import", str(export))
    assert code == 2 and "/proc cannot be written" in err


def test_nudge_says_it_on_stderr_and_lets_the_shell_go_on(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "--db", UNWRITABLE, "nudge")
    assert code == 0 and out == ""
    assert err.count("\n") == 1 and "/proc cannot be written" in err


def test_a_folder_without_permission_is_named_with_the_reason(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests run as root, whom permission bits do not stop: the refusal the kernel gives any
    # other user is given here by the call that would meet it.
    def denied(*_: object, **__: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    folder = tmp_path / "locked"
    folder.mkdir()
    code, _, err = run(capsys, "--db", str(folder / "x.json"), "stats")
    assert code == 2
    assert f"{folder} cannot be written (permission denied)" in err


def test_reading_an_existing_file_needs_no_write(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "s.json"
    write_history(db, [session_document(local_now())])

    def denied(*_: object, **__: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    code, out, _ = run(capsys, "--db", str(db), "stats", "--json")
    assert code == 0 and '"done_today": true' in out


def test_a_path_through_a_file_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    code, _, err = run(capsys, "--db", str(blocker / "x.json"), "stats")
    assert code == 2 and err.count("\n") == 1 and "not a folder" in err


def test_a_new_file_in_a_folder_yet_to_be_made_is_fine(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "--db", str(tmp_path / "new" / "deeper" / "x.json"), "stats")
    assert code == 0 and "Current streak" in out
    assert not list(tmp_path.rglob(".supple-probe-*"))


@pytest.mark.parametrize("value", ["0", "fast", "nan", "1000"])
def test_the_speed_error_names_the_flag_once(
    capsys: pytest.CaptureFixture[str], value: str
) -> None:
    code, _, err = run(capsys, "--speed", value)
    assert code == 2 and err.count("--speed") == 1 and err.count("\n") == 1


# -- a folder the person may not enter (no search permission) ------------------------------
# These run Supple as `nobody` under root (tests/unprivileged.py): root enters any folder.


def locked_in(shared_folder: Path, *inner: str) -> tuple[Path, Path]:
    """A data file with history, in a folder readable and writable but without search (x)
    permission, so nothing in it can be reached; `inner` folders go below that one."""
    locked = shared_folder / "locked"
    db = locked.joinpath(*inner, "supple.json")
    db.parent.mkdir(parents=True)
    write_history(db, [session_document(local_now())])
    locked.chmod(0o666)
    return locked, db


@pytest.mark.parametrize(
    "command", [["stats"], ["stats", "--json"], ["export"], ["nudge"]], ids=" ".join
)
def test_a_reading_command_says_the_folder_cannot_be_entered_not_written(
    shared_folder: Path, command: list[str]
) -> None:
    locked, db = locked_in(shared_folder)
    result = run_supple("--db", str(db), *command, person=True)
    assert result.returncode == (0 if command == ["nudge"] else 2), result.stderr
    assert result.stdout == "" and result.stderr.count("\n") == 1
    assert (
        f"{locked} cannot be entered (permission denied), so the file cannot be read"
        in result.stderr
    )
    assert "search (x) permission" in result.stderr and "--db" in result.stderr
    assert "written" not in result.stderr and "restore" not in result.stderr


@pytest.mark.parametrize("command", [["history"], ["import", "/dev/null"]], ids=" ".join)
def test_a_writing_command_says_the_file_can_be_neither_read_nor_written(
    shared_folder: Path, command: list[str]
) -> None:
    locked, db = locked_in(shared_folder)
    result = run_supple("--db", str(db), *command, person=True)
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert f"{locked} cannot be entered (permission denied)" in result.stderr
    assert "can be neither read nor written" in result.stderr


def test_the_folder_named_is_the_one_that_does_not_let_the_person_in(
    shared_folder: Path,
) -> None:
    locked, db = locked_in(shared_folder, "deeper", "still")
    result = run_supple("--db", str(db), "stats", person=True)
    assert result.returncode == 2
    assert f": {locked} cannot be entered" in result.stderr


@pytest.mark.parametrize("command", [["stats"], ["export"], ["history"]], ids=" ".join)
def test_a_file_the_person_may_not_read_gets_no_restore_advice(
    shared_folder: Path, command: list[str]
) -> None:
    """Another user's file, private to them: nothing is damaged, so no backup is offered."""
    db = shared_folder / "supple.json"
    write_history(db, [session_document(local_now())])
    db.chmod(0o600)
    result = run_supple("--db", str(db), *command, person=True)
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    said = result.stderr.split(str(db), 1)[1]
    assert said.startswith(": it cannot be read (permission denied). Nothing was read or written")
    assert "restore" not in said and "backup" not in said and "--db" in said
