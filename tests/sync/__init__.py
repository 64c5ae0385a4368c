"""Tests that run Supple's data folder through a real sync engine (Syncthing), issue 22."""
