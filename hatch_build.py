"""The wheel build's one extra step: compile the translation catalogs (.po → .mo) with Babel,
so the .mo files ship in every wheel and editable install without being committed."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogs(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        root = Path(self.root)
        # Loaded by its path: the package itself (and its dependencies) is not installed in
        # the build's own environment, only Babel is (build-system.requires).
        spec = importlib.util.spec_from_file_location(
            "supple_catalogs", root / "tui" / "i18n" / "catalogs.py"
        )
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        # Beside their .po files: an editable install reads them there, and `artifacts` in
        # pyproject.toml puts them in the wheel although .gitignore leaves them out of git.
        module.compile_catalogs(root / "tui" / "locale")
