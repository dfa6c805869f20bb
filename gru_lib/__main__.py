"""``python -m gru_lib``: the command line of :mod:`gru_lib.cli.main`."""

import sys

from gru_lib.cli.main import main, use_xla_cache

# Before anything imports TensorFlow, which reads the cache's setting once (gru_lib.xla_cache).
use_xla_cache(sys.argv[1] if len(sys.argv) > 1 else "")
raise SystemExit(main())
