"""How a reminder reaches the person (a desktop notification) and what fires it (a timer)."""
