"""No `supple serve` process outlives the tests of a module here, even those that failed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.web.serving import kill_leftovers


@pytest.fixture(autouse=True, scope="module")
def no_leftover_servers() -> Iterator[None]:
    yield
    kill_leftovers()
