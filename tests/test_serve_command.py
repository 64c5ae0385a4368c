"""`supple serve` as a command: its flags, the missing extra, a busy port, what each tab runs."""

from __future__ import annotations

import shlex
import socket
import sys
from pathlib import Path

import pytest

from tui.cli import main, parse_arguments
from tui.commands.serve import INSTALL_HINT, app_command, is_loopback, url_host


def test_without_the_serve_extra_it_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "textual_serve", None)  # as if not installed
    assert main(["--db", str(tmp_path / "s.json"), "serve"]) == 2
    assert capsys.readouterr().err == INSTALL_HINT + "\n"
    # The pip of the Python that runs Supple, as the README says (issue 27 item 18).
    assert f'{Path(sys.executable).parent / "pip"} install ".[serve]"' in INSTALL_HINT


def test_a_busy_port_is_one_line_and_exit_code_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = main(["--db", str(tmp_path / "s.json"), "serve", "--port", str(port)])
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith(f"supple: cannot listen on 127.0.0.1 port {port}: ")
    assert err.count("\n") == 1


def test_a_bad_port_is_refused_by_the_parser(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        parse_arguments(["serve", "--port", "http"])
    assert stopped.value.code == 2
    assert "--port takes a number from 0 to 65535" in capsys.readouterr().err


def test_each_tab_runs_this_supple_on_the_same_file_at_the_same_speed(tmp_path: Path) -> None:
    for argv in (["--speed", "20", "serve"], ["serve", "--speed", "20"]):
        args = parse_arguments(argv)
        words = shlex.split(app_command(args, tmp_path / "s.json"))
        assert words[:4] == ["exec", sys.executable, "-m", "tui"]
        assert words[words.index("--db") + 1] == str((tmp_path / "s.json").resolve())
        assert words[words.index("--speed") + 1] == "20"
    plain = shlex.split(app_command(parse_arguments(["serve"]), tmp_path / "s.json"))
    assert "--speed" not in plain


def test_only_loopback_hosts_go_without_a_token() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0")
    assert not is_loopback("::")


def test_the_printed_url_names_an_address_a_phone_can_reach() -> None:
    assert url_host("192.168.1.20") == "192.168.1.20"
    assert url_host("fe80::1") == "[fe80::1]"
    assert url_host("0.0.0.0") not in ("0.0.0.0", "")


def test_the_page_takes_the_colours_of_the_saved_theme(tmp_path: Path) -> None:
    from textual.theme import BUILTIN_THEMES

    from tui.storage.store import Store
    from tui.web.server import page_colors

    store = Store.open(tmp_path / "s.json")
    store.prepare()
    dark = page_colors(store.path)
    store.save_settings({"theme": "textual-light"})
    light = page_colors(store.path)
    expected = BUILTIN_THEMES["textual-light"].to_color_system().generate()["background"]
    assert light["background"] == expected
    assert dark["background"] != light["background"]
