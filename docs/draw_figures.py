"""Draw the stretch figures (tui/figures/*.txt) from a side-view skeleton of each pose.

Run from the top of a checkout: `.venv/bin/python docs/draw_figures.py`. Each pose is a few
joints in metres (x forward to the right, y up, the floor at y = 0); limbs are drawn as
rounded strokes and the head as a disc, at two scales, then turned into braille (2×4 dots a
cell). The far limbs are drawn first and the near ones over them with a thin gap, so a leg
crossing another still reads as two. The files are the product; this script is only how
they were made, kept so a figure can be redrawn by changing a joint rather than dots.

Every pose is drawn as seen from the person's right side (facing right); the app mirrors it
for the left side (tui/figures/__init__.py).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tui" / "figures"

Point = tuple[float, float]

# Body proportions (metres) and stroke radii, for a person about 1.75 m tall.
HEAD_R = 0.115
NECK = 0.07
TORSO = 0.5
UPPER_ARM = 0.29
FOREARM = 0.27
THIGH = 0.45
SHIN = 0.44
FOOT = 0.2

TORSO_W = 0.085
THIGH_W = 0.06
SHIN_W = 0.045
ARM_W = 0.04
FOOT_W = 0.03


@dataclass
class Size:
    """A figure size: the box it fills (in cells), the thinnest stroke and the gap (in dots)
    around a near limb drawn over a far one."""

    name: str
    cols: int
    rows: int
    min_r: float
    gap: float
    style: str = "quadrant"
    head_scale: float = 1.0


SIZES = (
    Size("large", 46, 12, 1.0, 1.2, head_scale=1.0),
    Size("small", 22, 5, 0.5, 0.0, head_scale=1.35),
)

Op = tuple[str, Point, Point, float]  # "fill" or "clear", from, to, radius (metres)
Frame = tuple[float, float, float]  # left, right, top (metres)


@dataclass
class Canvas:
    """What a pose draws, in metres; `braille` fits it to a size and turns it into dots.
    A near limb first clears a ring around itself, so it reads in front of what it crosses."""

    head_scale: float = 1.0
    ops: list[Op] = field(default_factory=list)

    def stroke(self, a: Point, b: Point, radius: float) -> None:
        self.ops.append(("fill", a, b, radius))

    def limb(self, points: list[Point], radii: list[float], *, near: bool = False) -> None:
        """Strokes joining `points`, segment i with radius radii[i]; a near limb clears its
        ring for every segment first, so its own joints never show a gap."""
        segments = list(zip(points, points[1:], radii, strict=False))
        if near:
            self.ops.extend(("clear", a, b, r) for a, b, r in segments)
        self.ops.extend(("fill", a, b, r) for a, b, r in segments)

    def disc(self, c: Point, radius: float, *, near: bool = False) -> None:
        self.limb([c, c], [radius], near=near)

    def extent(self) -> tuple[float, float, float]:
        """Left and right edges and the top of what is drawn, in metres."""
        fills = [op for op in self.ops if op[0] == "fill"]
        x0 = min(min(a[0], b[0]) - r for _, a, b, r in fills)
        x1 = max(max(a[0], b[0]) + r for _, a, b, r in fills)
        y1 = max(max(a[1], b[1]) + r for _, a, b, r in fills)
        return x0, x1, y1

    def dots(
        self, size: Size, across: int, down: int, frame: Frame
    ) -> tuple[set[tuple[int, int]], float, float]:
        """The dots of the figure, `across`×`down` dots a cell (a cell is twice as tall as it
        is wide), in `frame`; also the frame's left edge and metres per cell width."""
        x0, x1, y1 = frame
        # metres per cell width: as large as fits both ways
        m = max((x1 - x0) / (size.cols - 0.5), y1 / (2 * size.rows - 0.25))
        dot_w, dot_h = m / across, 2 * m / down
        unit = min(dot_w, dot_h)
        dots: set[tuple[int, int]] = set()
        for kind, a, b, radius in self.ops:
            if kind == "clear" and not size.gap:
                continue
            r = max(size.min_r * unit, radius)
            reach = r if kind == "fill" else r + size.gap * unit
            for ix in range(
                math.floor((min(a[0], b[0]) - reach - x0) / dot_w) - 1,
                math.ceil((max(a[0], b[0]) + reach - x0) / dot_w) + 2,
            ):
                for iy in range(
                    max(0, math.floor((min(a[1], b[1]) - reach) / dot_h) - 1),
                    math.ceil((max(a[1], b[1]) + reach) / dot_h) + 2,
                ):
                    centre = (x0 + (ix + 0.5) * dot_w, (iy + 0.5) * dot_h)
                    if _distance(centre, a, b) <= reach:
                        if kind == "fill":
                            dots.add((ix, iy))
                        else:
                            dots.discard((ix, iy))
        return dots, x0, m

    def text(self, size: Size, frame: Frame | None = None) -> list[str]:
        """The figure as rows of characters, as large as fits `size`, then a floor line.
        Drawings that alternate (cat and cow) share one `frame`, so only what moves moves."""
        across, down, glyphs = STYLES[size.style]
        frame = frame or self.extent()
        dots, x0, m = self.dots(size, across, down, frame)
        cols = math.ceil((frame[1] - x0) / m - 1e-9)
        rows = max(y for _, y in dots) // down + 1
        lines = []
        for row in range(rows):
            cells = []
            for col in range(cols):
                value = 0
                for dy in range(down):
                    for dx in range(across):
                        if (col * across + dx, (rows - 1 - row) * down + (down - 1 - dy)) in dots:
                            value |= 1 << (dy * across + dx)
                cells.append(glyphs(value))
            lines.append("".join(cells))
        # The floor runs under the whole frame: drawings that alternate stay aligned.
        lines.append(FLOOR * cols)
        return [line.rstrip() for line in lines]


_BRAILLE_BITS = (0x01, 0x08, 0x02, 0x10, 0x04, 0x20, 0x40, 0x80)


def braille(value: int) -> str:
    """Dots numbered row by row (two a row, four rows) → the braille cell with those dots."""
    code = sum(bit for i, bit in enumerate(_BRAILLE_BITS) if value >> i & 1)
    return " " if code == 0 else chr(0x2800 + code)


# Quadrants numbered row by row: top-left 1, top-right 2, bottom-left 4, bottom-right 8.
_QUADRANTS = " ▘▝▀▖▌▞▛▗▚▐▜▄▙▟█"


def quadrant(value: int) -> str:
    return _QUADRANTS[value]


STYLES: dict[str, tuple[int, int, Callable[[int], str]]] = {
    "braille": (2, 4, braille),
    "quadrant": (2, 2, quadrant),
}


FLOOR = "▔"


def _distance(p: Point, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    t = (
        0.0
        if length2 == 0
        else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2))
    )
    return math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy))


def toward(p: Point, degrees: float, length: float) -> Point:
    a = math.radians(degrees)
    return (p[0] + length * math.cos(a), p[1] + length * math.sin(a))


def elbow(shoulder: Point, hand: Point, *, bend: int = 1) -> Point:
    """Where the elbow is when the arm reaches from shoulder to hand; bend picks the side."""
    dx, dy = hand[0] - shoulder[0], hand[1] - shoulder[1]
    d = min(math.hypot(dx, dy), UPPER_ARM + FOREARM - 1e-6)
    a = (UPPER_ARM**2 - FOREARM**2 + d * d) / (2 * d)
    h = math.sqrt(max(0.0, UPPER_ARM**2 - a * a))
    ux, uy = dx / math.hypot(dx, dy), dy / math.hypot(dx, dy)
    mx, my = shoulder[0] + a * ux, shoulder[1] + a * uy
    return (mx - bend * h * uy, my + bend * h * ux)


def knee_between(hip: Point, ankle: Point, *, bend: int = 1) -> Point:
    dx, dy = ankle[0] - hip[0], ankle[1] - hip[1]
    d = min(math.hypot(dx, dy), THIGH + SHIN - 1e-6)
    a = (THIGH**2 - SHIN**2 + d * d) / (2 * d)
    h = math.sqrt(max(0.0, THIGH**2 - a * a))
    ux, uy = dx / math.hypot(dx, dy), dy / math.hypot(dx, dy)
    mx, my = hip[0] + a * ux, hip[1] + a * uy
    return (mx - bend * h * uy, my + bend * h * ux)


def leg(
    c: Canvas, hip: Point, knee: Point, ankle: Point, toe: Point, *, near: bool = False
) -> None:
    c.limb([hip, knee, ankle, toe], [THIGH_W, SHIN_W, FOOT_W], near=near)


def arm(c: Canvas, shoulder: Point, elbow_: Point, hand: Point, *, near: bool = False) -> None:
    c.limb([shoulder, elbow_, hand], [ARM_W, ARM_W * 0.85], near=near)


def bezier(a: Point, ctrl: Point, b: Point, steps: int = 10) -> list[Point]:
    out = []
    for i in range(steps + 1):
        t = i / steps
        out.append(
            (
                (1 - t) ** 2 * a[0] + 2 * (1 - t) * t * ctrl[0] + t * t * b[0],
                (1 - t) ** 2 * a[1] + 2 * (1 - t) * t * ctrl[1] + t * t * b[1],
            )
        )
    return out


# -- the poses ------------------------------------------------------------------------------


def head(
    c: Canvas,
    shoulder: Point,
    degrees: float,
    *,
    nose: float | None = None,
    scale: float = 1.0,
    near: bool = False,
    neck: float = NECK,
) -> Point:
    """A neck from the shoulders toward `degrees`, the head on it, and, when `nose` is
    given, a nose pointing that way (degrees), so the face's direction shows."""
    r = HEAD_R * c.head_scale * scale
    neck_end = toward(shoulder, degrees, neck)
    centre = toward(shoulder, degrees, neck + r * 0.9)
    c.limb([shoulder, neck_end], [ARM_W])
    c.disc(centre, r, near=near)
    if nose is not None:
        c.disc(toward(centre, nose, r * 1.05), r * 0.4)
    return centre


def knee_to_chest(c: Canvas) -> None:
    """On the back, head to the left; the far knee bent with its foot flat, the near knee
    drawn in to the chest and held just below the knee."""
    hip = (0.0, 0.09)
    shoulder = (-TORSO, 0.1)
    ankle = (0.8, 0.06)
    leg(c, hip, knee_between(hip, ankle), ankle, (ankle[0] + FOOT, 0.02))
    c.limb([hip, shoulder], [TORSO_W])
    # Lying down the figure is drawn smaller (it is long), so the head is made larger to read.
    head(c, shoulder, 176, scale=1.3)
    # The hugged knee: its thigh and the arms meet at the knee like a tent over the belly,
    # the shin sticks out from it. Nothing near crosses anything far, so no gaps are cut.
    knee = toward(hip, 120, THIGH)
    ankle2 = toward(knee, 0, SHIN * 0.95)
    leg(c, hip, knee, ankle2, toward(ankle2, 70, FOOT * 0.75))
    hand = toward(knee, 0, 0.04)
    arm(c, shoulder, elbow(shoulder, hand, bend=1), hand)


def seated_twist(c: Canvas) -> None:
    """Sitting tall, legs to the right: the far leg long, the near knee bent up and crossed
    over with its foot flat by the other knee. The far arm's elbow presses the outside of the
    bent knee, its forearm upright; the near hand is on the floor behind, as the torso turns."""
    hip = (0.0, 0.1)
    ankle = (THIGH + SHIN - 0.02, 0.07)
    leg(c, hip, (THIGH, 0.085), ankle, (ankle[0] + 0.05, 0.07 + FOOT * 0.85))
    shoulder = toward(hip, 92, TORSO)
    c.limb([hip, shoulder], [TORSO_W])
    head(c, shoulder, 92)
    bent_ankle = (0.42, 0.06)
    knee = knee_between(hip, bent_ankle)
    back_hand = (-0.24, 0.01)
    arm(c, shoulder, elbow(shoulder, back_hand, bend=1), back_hand)
    leg(c, hip, knee, bent_ankle, (bent_ankle[0] + FOOT * 0.9, 0.02), near=True)
    pressing = (knee[0] + 0.05, knee[1] + 0.02)
    arm(c, shoulder, pressing, toward(pressing, 84, FOREARM * 0.9), near=True)


def all_fours(c: Canvas, *, arch: float, look: float) -> None:
    """Hands under shoulders, knees under hips, head to the right; `arch` bends the spine
    (down for cow, up for cat) and the head looks toward `look` degrees."""
    hip = (0.0, THIGH + 0.05)
    shoulder = (0.58, UPPER_ARM + FOREARM - 0.005)
    knee = (0.0, 0.05)
    ankle = (-SHIN, 0.04)
    hand = (shoulder[0], 0.0)  # straight arms, the hands right under the shoulders
    # Near and far limbs fall on each other here: one of each is drawn.
    leg(c, hip, knee, ankle, (ankle[0] - FOOT * 0.8, 0.02))
    arm(c, shoulder, elbow(shoulder, hand, bend=-1), hand)
    middle = ((hip[0] + shoulder[0]) / 2, (hip[1] + shoulder[1]) / 2 + arch)
    spine = bezier(hip, middle, shoulder)
    c.limb(spine, [TORSO_W] * (len(spine) - 1))
    head(c, shoulder, look)


def cow(c: Canvas) -> None:
    all_fours(c, arch=-0.27, look=45)


def cat(c: Canvas) -> None:
    all_fours(c, arch=0.26, look=-70)


def low_lunge(c: Canvas) -> None:
    """The near foot forward, its knee over the ankle; the far knee down on the floor behind,
    both knees near right angles; the torso upright, hands resting on the front thigh."""
    hip = (0.04, 0.47)
    back_knee = (-0.04, 0.04)
    back_ankle = (back_knee[0] - SHIN, 0.05)
    leg(c, hip, back_knee, back_ankle, (back_ankle[0] - FOOT * 0.8, 0.02))
    shoulder = toward(hip, 91, TORSO)
    c.limb([hip, shoulder], [TORSO_W])
    head(c, shoulder, 90)
    front_knee = toward(hip, -2, THIGH)
    front_ankle = (front_knee[0] + 0.02, 0.06)
    leg(c, hip, front_knee, front_ankle, (front_ankle[0] + FOOT, 0.02), near=True)
    hand = (front_knee[0] - 0.12, front_knee[1] + 0.07)
    arm(c, shoulder, elbow(shoulder, hand, bend=-1), hand, near=True)


def hamstring(c: Canvas) -> None:
    """Sitting with legs long to the right, folding forward from the hips, hands reaching
    along the shins toward the toes."""
    hip = (0.0, 0.1)
    ankle = (THIGH + SHIN - 0.02, 0.07)
    toe = (ankle[0] + 0.05, 0.07 + FOOT * 0.85)
    leg(c, hip, (THIGH, 0.085), ankle, toe)
    shoulder = toward(hip, 42, TORSO)
    spine = bezier(hip, toward(hip, 55, TORSO * 0.55), shoulder)
    c.limb(spine, [TORSO_W * 0.85] * (len(spine) - 1))
    # A thin gap sets the head off from the back it is bowed over.
    head(c, shoulder, 12, near=True, neck=NECK * 1.5)
    # Both legs lie on each other. The upper arm leaves the back at the shoulder, so only the
    # forearm is set off by a gap (one along the upper arm would score the back).
    hand = (ankle[0] - 0.06, ankle[1] + 0.09)
    bend = elbow(shoulder, hand, bend=1)
    c.limb([shoulder, bend], [ARM_W])
    c.limb([bend, hand], [ARM_W * 0.85], near=True)


POSES: dict[str, Callable[[Canvas], None]] = {
    "knee-to-chest": knee_to_chest,
    "seated-twist": seated_twist,
    "cow": cow,
    "cat": cat,
    "low-lunge": low_lunge,
    "hamstring": hamstring,
}


# Drawings shown one after the other in the same place, drawn in one frame.
TOGETHER = (("cow", "cat"),)


def canvas_of(pose: str, size: Size) -> Canvas:
    canvas = Canvas(head_scale=size.head_scale)
    POSES[pose](canvas)
    return canvas


def draw(pose: str, size: Size) -> list[str]:
    canvas = canvas_of(pose, size)
    frame = None
    for group in TOGETHER:
        if pose in group:
            extents = [canvas_of(other, size).extent() for other in group]
            frame = (
                min(e[0] for e in extents),
                max(e[1] for e in extents),
                max(e[2] for e in extents),
            )
    return canvas.text(size, frame)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for pose in POSES:
        for size in SIZES:
            lines = draw(pose, size)
            path = OUT / f"{pose}.{size.name}.txt"
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            width = max(len(line) for line in lines)
            print(f"{path.relative_to(ROOT)}  {width}×{len(lines)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
