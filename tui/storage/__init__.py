"""Persistence: the atomic TinyDB storage and the store of sessions, routine and settings."""
