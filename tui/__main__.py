"""`python -m tui` runs the same command as `supple`."""

from tui.cli import main

raise SystemExit(main())
