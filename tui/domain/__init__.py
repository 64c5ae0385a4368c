"""The pure core of Supple: routine, player, history rules and clocks (no UI, no storage)."""
