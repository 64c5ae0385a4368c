"""Textual's driver decodes typed bytes leniently here: what is not UTF-8 becomes U+FFFD."""

from __future__ import annotations

import codecs
import functools
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.driver import Driver

# Textual's LinuxDriver (and its inline and web drivers) decode the terminal's bytes with
# `getincrementaldecoder("utf-8")()`, which is strict: one byte that is not UTF-8 (b"\xe9",
# what a Latin-1 terminal sends for "é") raises UnicodeDecodeError in the input thread, the
# app panics with a traceback and exits 0, leaving a flow open. Upstream: Textualize/textual
# issue #6456 (fix proposed in PR #6498: `errors="replace"`, what this does until it lands).
# Each driver looks up its module's name `getincrementaldecoder` when its input thread starts,
# so that one name is the narrowest place to hand it a decoder with errors="replace";
# tests/test_invalid_utf8_input.py fails loudly if Textual stops using that name.
PATCHED_NAME = "getincrementaldecoder"


def lenient_incremental_decoder(encoding: str) -> Callable[[], codecs.IncrementalDecoder]:
    """`codecs.getincrementaldecoder`, whose decoders replace what they cannot decode."""
    return functools.partial(codecs.getincrementaldecoder(encoding), errors="replace")


def decode_input_leniently(driver_class: type[Driver]) -> bool:
    """Make `driver_class`'s module decode input leniently; False if it decodes no such way
    (the headless driver, or a Textual that changed: then there is nothing to replace)."""
    module = sys.modules[driver_class.__module__]
    current = getattr(module, PATCHED_NAME, None)
    if current is lenient_incremental_decoder:
        return True
    if current is not codecs.getincrementaldecoder:
        return False
    setattr(module, PATCHED_NAME, lenient_incremental_decoder)
    return True
