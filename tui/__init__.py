"""Supple: a terminal app for a gentle daily lower-back stretch flow."""

__version__ = "0.1.0"
