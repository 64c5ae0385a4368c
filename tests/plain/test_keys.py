"""The plain mode's keys: a terminal's in cbreak mode (given back as it was), a pipe's lines."""

from __future__ import annotations

import os
import pty
import signal
import termios

import pytest

from tui.plain.keys import (
    END,
    ENTER,
    ESCAPE,
    LEFT,
    RIGHT,
    SPACE,
    LineKeys,
    Stopped,
    TerminalKeys,
    keys_of,
    line_key,
    parse_keys,
    stopped_by_sigterm,
)


def test_bytes_of_a_terminal_as_keys() -> None:
    assert parse_keys(b"q \n\r\x1b[C\x1b[D\x1bOC\x1b+-=?") == [
        "q",
        SPACE,
        ENTER,
        ENTER,
        RIGHT,
        LEFT,
        RIGHT,
        ESCAPE,
        "+",
        "-",
        "=",
        "?",
    ]
    # Keys that are not ours (up, F5) are passed over whole; a character typed in UTF-8 is one.
    assert parse_keys(b"\x1b[A\x1b[15~n\xc3\xa9") == ["n", "é"]


def test_lines_of_a_pipe_as_keys() -> None:
    assert [line_key(line) for line in ["", " ", "space", "q", "Enter", "left", "esc"]] == [
        ENTER,
        SPACE,
        SPACE,
        "q",
        ENTER,
        LEFT,
        ESCAPE,
    ]


def test_a_pipe_gives_a_key_per_line_an_answer_then_the_end() -> None:
    read, write = os.pipe()
    try:
        os.write(write, b"\nn\n7\nq")
        os.close(write)
        keys = LineKeys(read)
        assert keys.wait(0) == ENTER
        assert keys.wait(0) == "n"
        assert keys.ask() == "7"
        assert keys.wait(None) == "q"  # a last line without its line break
        assert keys.wait(None) == END
        assert keys.wait(0) is None  # after the end, a wait only waits
        assert keys.ask() is None
    finally:
        os.close(read)


def test_nothing_typed_is_a_wait_that_runs_out() -> None:
    read, write = os.pipe()
    try:
        assert LineKeys(read).wait(0) is None
    finally:
        os.close(read)
        os.close(write)


def test_a_terminal_is_read_key_by_key_and_given_back_as_it_was() -> None:
    main, child = pty.openpty()
    try:
        before = termios.tcgetattr(child)
        with TerminalKeys(child) as keys:
            during = termios.tcgetattr(child)
            assert not during[3] & (termios.ICANON | termios.ECHO)
            os.write(main, b"q\x1b[C")
            assert keys.wait(1) == "q"
            assert keys.wait(0) == RIGHT
            # An answer is a line, typed with the terminal's own echo and editing.
            os.write(main, b"12\n")
            assert keys.ask() == "12"
            assert termios.tcgetattr(child)[3] == during[3]
        assert termios.tcgetattr(child) == before
    finally:
        os.close(main)
        os.close(child)


def test_the_terminal_is_given_back_when_the_run_fails() -> None:
    main, child = pty.openpty()
    try:
        before = termios.tcgetattr(child)
        with pytest.raises(RuntimeError), keys_of(child) as keys:
            assert isinstance(keys, TerminalKeys)
            raise RuntimeError("boom")
        assert termios.tcgetattr(child) == before
    finally:
        os.close(main)
        os.close(child)


def test_sigterm_stops_the_run_as_an_exception() -> None:
    previous = signal.getsignal(signal.SIGTERM)
    with pytest.raises(Stopped), stopped_by_sigterm():
        # Delivered before kill returns; Python runs the handler at the next instruction.
        os.kill(os.getpid(), signal.SIGTERM)
    assert signal.getsignal(signal.SIGTERM) == previous
