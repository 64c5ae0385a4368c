"""The plain mode's lines: plain text, whatever a name holds or the output can encode."""

from __future__ import annotations

import io

from tui.plain.lines import Lines


def test_control_characters_are_spelled_out_never_written() -> None:
    out = io.StringIO()
    Lines(out).say("Stretch \x1b]2;title\x07", "two\nlines")
    assert out.getvalue() == "Stretch \\x1b]2;title\\x07\ntwo\nlines\n"


def test_a_line_an_output_cannot_encode_is_written_with_a_stand_in() -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="ascii")
    Lines(stream).say("Done today ✓", "Tab\there")
    assert raw.getvalue() == b"Done today ?\nTab\\there\n"
