"""Views: the parts of a screen shown one at a time, each with its own keys and stylesheet."""
