"""``python -m gru_lib.studies ACTION``: the ``studies`` command without the package's own line."""

import argparse

from gru_lib.studies.cli import add_studies_command, run_command

_parser = argparse.ArgumentParser(prog="python -m gru_lib")
add_studies_command(_parser.add_subparsers(dest="command", required=True))
raise SystemExit(run_command(_parser.parse_args()))
