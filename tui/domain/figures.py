"""Which drawn figure a stretch has, and which drawing of it a moment of the flow shows."""

from __future__ import annotations

from typing import NamedTuple

from tui.i18n import N_

# The figures a stretch may have, with the words a person picks them by. A figure is one
# drawing, or for cat–cow two: the cow on each inhale, the cat on each exhale.
# The words are marked, not translated (the built-in stretches' names): shown through `_()`.
FIGURE_NAMES: dict[str, str] = {
    "knee-to-chest": N_("Knee to chest"),
    "seated-twist": N_("Seated spinal twist"),
    "cat-cow": N_("Cat–cow"),
    "low-lunge": N_("Low lunge"),
    "hamstring": N_("Seated hamstring stretch"),
}

# The drawings (files in tui/figures/) of each figure: the first is shown unless the breath
# picks another (inhale → first, exhale → second).
POSES: dict[str, tuple[str, ...]] = {
    "knee-to-chest": ("knee-to-chest",),
    "seated-twist": ("seated-twist",),
    "cat-cow": ("cow", "cat"),
    "low-lunge": ("low-lunge",),
    "hamstring": ("hamstring",),
}

# The drawings face the person's right side; the left side is the mirror image.
DRAWN_SIDE = "right"


# A NamedTuple, not a dataclass: built on every start, where a dataclass costs more to make.
class Pose(NamedTuple):
    """One drawing as a moment shows it: the file's name and whether it is mirrored."""

    name: str
    mirrored: bool = False


def pose_for(figure: str | None, side: str | None, *, exhaling: bool = False) -> Pose | None:
    """The drawing for a stretch's figure at one moment: mirrored for the side not drawn,
    the second drawing (the cat) while breathing out. None when the stretch has no figure."""
    if figure is None or figure not in POSES:
        return None
    poses = POSES[figure]
    name = poses[1] if exhaling and len(poses) > 1 else poses[0]
    return Pose(name, mirrored=side is not None and side != DRAWN_SIDE)


def default_figure(key: str, custom: bool) -> str | None:
    """The figure a stretch stored without one gets: a built-in stretch has its own (its key
    names it), a custom one has none until the person picks one."""
    return None if custom or key not in FIGURE_NAMES else key


__all__ = ["DRAWN_SIDE", "FIGURE_NAMES", "POSES", "Pose", "default_figure", "pose_for"]
