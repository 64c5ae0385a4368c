"""What a terminal shows, line by line, read from the app's own SVG screenshot."""

from __future__ import annotations

import html
import re

from textual.app import App

# Textual draws each run of styled text as one <text> element at its cell's x and y.
_TEXT = re.compile(r'<text class="[^"]*-r\d+"[^>]*?x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>')
_CELL_WIDTH = 12.2
_LINE_HEIGHT = 24.4


def visible_lines(app: App[object]) -> list[str]:
    """The screen as lines of text, cells placed by their position (styles dropped)."""
    rows: dict[int, list[tuple[int, str]]] = {}
    for match in _TEXT.finditer(app.export_screenshot()):
        x, y, text = float(match[1]), float(match[2]), match[3]
        rows.setdefault(round(y / _LINE_HEIGHT), []).append(
            (round(x / _CELL_WIDTH), html.unescape(text).replace("\xa0", " "))
        )
    if not rows:
        return []
    first, last = min(rows), max(rows)
    lines = []
    for row in range(first, last + 1):
        line = ""
        for column, text in sorted(rows.get(row, [])):
            line = line.ljust(column) + text
        lines.append(line.rstrip())
    return lines


def visible_text(app: App[object]) -> str:
    return "\n".join(visible_lines(app))
