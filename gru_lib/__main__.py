"""``python -m gru_lib``: the command line of :mod:`gru_lib.cli`."""

from gru_lib.cli import main

raise SystemExit(main())
