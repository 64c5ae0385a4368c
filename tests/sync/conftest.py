"""The two-Syncthing fixture for every test under tests/sync."""

from tests.sync.syncthing import start_syncthing  # noqa: F401 - a fixture
