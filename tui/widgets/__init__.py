"""Reusable widgets: hold timer, breathing bar, step list."""
