"""Persistence: the atomic TinyDB storage and the store of sessions, routine and settings."""

import logging

# The store reports damaged documents through logging; the command line decides where the
# lines go. Without a handler Python would print them over a running app's screen.
logging.getLogger(__name__).addHandler(logging.NullHandler())
