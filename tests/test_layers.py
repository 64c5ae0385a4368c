"""The layers stay apart: the domain imports neither Textual nor TinyDB, nor the outer layers."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "tui"
FORBIDDEN_IN_DOMAIN = (
    "textual",
    "tinydb",
    "rich",
    "platformdirs",
    "filelock",
    "tui.storage",
    "tui.screens",
    "tui.widgets",
    "tui.app",
)


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", sorted((PACKAGE / "domain").glob("*.py")), ids=lambda p: p.name)
def test_the_domain_stays_pure(path: Path) -> None:
    bad = {
        name
        for name in imported_modules(path)
        for forbidden in FORBIDDEN_IN_DOMAIN
        if name == forbidden or name.startswith(forbidden + ".")
    }
    assert not bad, f"{path.name} imports {sorted(bad)}"


@pytest.mark.parametrize("path", sorted((PACKAGE / "widgets").glob("*.py")), ids=lambda p: p.name)
def test_widgets_never_touch_storage(path: Path) -> None:
    assert not {n for n in imported_modules(path) if n.startswith(("tui.storage", "tinydb"))}


FACES = sorted([*(PACKAGE / "screens").glob("*.py"), *(PACKAGE / "views").glob("*.py")])


@pytest.mark.parametrize("path", FACES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_screen_imports_the_storage(path: Path) -> None:
    """Screens and views ask the app's saver for changes (tui/messages.py), never the store."""
    assert not {n for n in imported_modules(path) if n.startswith(("tui.storage", "tinydb"))}


@pytest.mark.parametrize("path", FACES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_screen_reaches_into_the_apps_store_or_writer(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    reached = {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr in ("store", "writer")
    }
    assert not reached, f"{path.name} uses .{', .'.join(sorted(reached))}"


def test_the_app_never_imports_a_command() -> None:
    """Commands run without the app (tui/commands/__init__.py); the app knows none of them."""
    for name in ("app.py", "palette.py", "messages.py", "saver.py", "changes.py"):
        assert not {n for n in imported_modules(PACKAGE / name) if n.startswith("tui.commands")}


def test_every_module_says_what_it_is_for() -> None:
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), f"{path} has no module docstring"


def test_the_seed_advertisement_never_reaches_the_product() -> None:
    top = PACKAGE.parent
    for path in [*PACKAGE.rglob("*.py"), *(top / "styles").rglob("*.tcss"), top / "README.md"]:
        assert "thca" not in path.read_text(encoding="utf-8").lower(), path


PLAIN_AND_WORDS = sorted([*(PACKAGE / "plain").glob("*.py"), *(PACKAGE / "i18n").glob("*.py")])


@pytest.mark.parametrize("path", PLAIN_AND_WORDS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_plain_mode_and_the_words_need_no_full_screen(path: Path) -> None:
    """The screen-reader mode works where a full-screen app does not, and the language layer
    sits under everything: neither imports Textual or Rich, nor a screen or widget."""
    bad = {
        name
        for name in imported_modules(path)
        for forbidden in ("textual", "rich", "tui.screens", "tui.widgets", "tui.views", "tui.app")
        if name == forbidden or name.startswith(forbidden + ".")
    }
    assert not bad, f"{path.parent.name}/{path.name} imports {sorted(bad)}"
