"""``python -m gru_lib``: the command line of :mod:`gru_lib.cli.main`."""

from gru_lib.cli.main import main

raise SystemExit(main())
