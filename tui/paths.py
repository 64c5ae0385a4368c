"""Where Supple's stylesheets live, installed or in a source checkout."""

from __future__ import annotations

from pathlib import Path


def styles_dir() -> Path:
    """The .tcss folder: inside the installed package, or at the top of a source checkout."""
    packaged = Path(__file__).parent / "styles"
    return packaged if packaged.is_dir() else Path(__file__).parent.parent / "styles"
