"""When the running flow next needs to wake up: only when something visible will change."""

from __future__ import annotations

import math

from tui.domain.player import View

EPSILON = 1e-6


def until_digits_change(remaining: float) -> float:
    """Seconds until the whole-second count (shown rounded up) drops by one."""
    shown = math.ceil(remaining - EPSILON)
    gap = remaining - (shown - 1)
    return gap if gap > EPSILON else 1.0


def until_bar_moves(elapsed: float, duration: float, cells: int) -> float | None:
    """Seconds until a bar of `cells` cells, drawn in eighths, shows a different position."""
    if cells <= 0 or duration <= 0:
        return None
    eighth = duration / (cells * 8)
    gap = eighth - (elapsed % eighth)
    return gap if gap > EPSILON else eighth


def next_wake(view: View, bar_cells: int, speed: float, min_bar_gap: float) -> float | None:
    """Real seconds until the next wake-up, or None while nothing moves (paused, finished).

    The phase's end is never delayed, so a hold ends within a frame of its planned length;
    the bar is held to at most one redraw per `min_bar_gap`, which keeps a hold cheap.
    """
    if view.paused or view.finished:
        return None
    if view.resuming is not None:
        flow = min(view.resuming, until_digits_change(view.resuming))
        return max(0.001, flow / speed)
    candidates = [view.remaining, until_digits_change(view.remaining)]
    bar = until_bar_moves(view.elapsed, view.phase.duration, bar_cells)
    if bar is not None:
        # The bar waits for the next tick of a fixed grid (every `min_bar_gap` of the phase),
        # so its redraws fall on the same frames as the digits' and never come closer.
        gap = min_bar_gap * speed
        on_grid = gap - (view.elapsed % gap)
        candidates.append(max(bar, on_grid if on_grid > EPSILON else gap))
    return max(0.001, min(candidates) / speed)
