"""Text a person or a file supplies: control characters refused on input, never shown raw.

A control character (Unicode category Cc: C0, DEL and C1) in a name, instructions or a note
could drive the terminal it is printed to: `ESC ] 2 ; … BEL` sets the window's title, other
sequences move the cursor or rewrite the screen. Input refuses them (`control_problem`);
whatever reaches the screen, a CSV cell or a terminal title goes through `shown`, which
spells each one out (`\\x1b`) instead. Pure functions, no Textual: the editor, the import
check and the note field all call the same ones.
"""

from __future__ import annotations

import unicodedata

from tui.i18n import _

# Cells a spreadsheet would read as a formula (OWASP's list): written with a leading quote.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_control(character: str) -> bool:
    """Whether one character is a control character (C0, DEL or C1)."""
    return unicodedata.category(character) == "Cc"


def control_characters(text: str, *, newlines: bool = False) -> list[str]:
    """The control characters in `text`, in order; with `newlines`, a line break is allowed."""
    return [c for c in text if is_control(c) and not (newlines and c == "\n")]


def control_problem(text: str, what: str, *, newlines: bool = False) -> str | None:
    """None when `text` is safe to keep, else one line saying which character is not, e.g.
    "Name must not hold control characters (U+001B found)". `what` names the text in the
    language in use (the caller translates it)."""
    found = control_characters(text, newlines=newlines)
    if not found:
        return None
    # Translators: {what} is the thing typed or read ("Name", "its note"), translated on its
    # own; {code} names the character, such as U+001B.
    return _("{what} must not hold control characters ({code} found)").format(
        what=what, code=f"U+{ord(found[0]):04X}"
    )


def shown(text: str, *, newlines: bool = False) -> str:
    """`text` as it may reach a terminal: each control character spelled out as `\\xNN`
    (a tab as `\\t`), so nothing in it can drive the terminal; with `newlines`, line breaks
    stay line breaks."""
    if not any(is_control(c) for c in text):
        return text  # the usual case costs one scan
    out = []
    for character in text:
        if newlines and character == "\n":
            out.append(character)
        elif character == "\t":
            out.append("\\t")
        elif is_control(character):
            out.append(f"\\x{ord(character):02x}")
        else:
            out.append(character)
    return "".join(out)


def spreadsheet_cell(text: str) -> str:
    """A CSV cell a spreadsheet shows as the text it is: control characters spelled out, and
    a cell that would start a formula (`=`, `+`, `-`, `@`, tab, return) given a leading `'`."""
    if text.startswith(FORMULA_STARTS):
        text = "'" + text
    return shown(text)
