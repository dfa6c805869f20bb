"""``python -m gru_lib studies run|list|reproduce``: the command line of the study layer.

:func:`add_studies_command` adds the ``studies`` sub-command to the package's command line;
:func:`run_command` carries it out.

>>> import argparse
>>> parser = argparse.ArgumentParser()
>>> add_studies_command(parser.add_subparsers(dest="command"))
>>> parser.parse_args(["studies", "run", "memory"]).names
['memory']
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from gru_lib import checks
from gru_lib.studies import storage
from gru_lib.studies.freshness import _venv_dvc, dvc_status
from gru_lib.studies.registry import get_study, study_names
from gru_lib.studies.spec import Study

__all__ = ["add_studies_command", "list_table", "run_command"]


def add_studies_command(commands: argparse._SubParsersAction) -> None:
    """Add ``studies`` (with ``run``, ``list`` and ``reproduce``) to a parser's sub-commands.

    >>> parser = argparse.ArgumentParser()
    >>> add_studies_command(parser.add_subparsers(dest="command"))
    >>> parser.parse_args(["studies", "reproduce", "memory", "--members", "2"]).members
    2
    """
    checks.instance(commands, "commands", argparse._SubParsersAction)
    studies = commands.add_parser(
        "studies",
        help="run, list or reproduce the book's studies (stored results the chapters read)",
        description="The book's studies: experiments run once and stored under results/.",
    )
    actions = studies.add_subparsers(dest="action", required=True, metavar="ACTION")
    run = actions.add_parser("run", help="run studies; members already stored are skipped")
    run.add_argument("names", nargs="*", metavar="NAME", help="studies to run (default: all)")
    run.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        default="local",
        help="a Dask scheduler address (tcp://host:8786), or 'local' for a LocalCluster of one "
        "process per core, or 'inline' for this process (default: %(default)s)",
    )
    run.add_argument("--workers", type=int, default=None, help="LocalCluster processes")
    actions.add_parser("list", help="each study's members, stored state and last wall time")
    again = actions.add_parser("reproduce", help="re-run stored members and compare")
    again.add_argument("name", metavar="NAME")
    again.add_argument(
        "--members", type=int, default=1, help="members to re-run (default: %(default)s)"
    )
    for parser in (run, again):
        parser.add_argument(
            "--results", type=Path, default=storage.RESULTS, help="folder of stored results"
        )
    studies.set_defaults(handler=run_command)


def run_command(args: argparse.Namespace, studies: Sequence[Study] | None = None) -> int:
    """Carry out a parsed ``studies`` command; return the exit status (1: a reproduction failed).

    ``studies`` replaces the registered studies (for tests).

    >>> import contextlib, io
    >>> with contextlib.redirect_stdout(io.StringIO()) as out:
    ...     status = run_command(argparse.Namespace(action="list"))
    >>> status, out.getvalue().split()[0]
    (0, 'study')
    """
    checks.instance(args, "args", argparse.Namespace)
    known = {s.name: s for s in studies} if studies is not None else None

    def lookup(name: str) -> Study:
        if known is None:
            return get_study(name)
        return known[checks.one_of(name, "name", list(known))]

    if args.action == "list":
        print(list_table(list(known.values()) if known else None))
        return 0
    if args.action == "reproduce":
        return _reproduce(lookup(args.name), args.members, args.results)
    if args.action == "run":
        from gru_lib.studies.runner import run_study

        names = args.names or (list(known) if known else study_names())
        chosen = [lookup(name) for name in names]
        tracked = Path(args.results).resolve() == storage.RESULTS.resolve()
        by_hand = tracked and "DVC_STAGE" not in os.environ  # not under `dvc repro`
        for study in chosen:
            # Stored rows that DVC calls stale are run again, as `dvc repro` would.
            stale = by_hand and dvc_status([study.name]).get(study.name) == "stale"
            table = run_study(
                study,
                scheduler=args.scheduler,
                results=args.results,
                workers=args.workers,
                reuse=not stale,
            )
            print(f"{study.name}: {len(table)} members stored in {args.results}")
            if by_hand:
                _record_in_dvc(study.name)
        return 0
    raise checks.expected("args.action", "run, list or reproduce", args.action)


def list_table(
    studies: Sequence[Study] | None = None, results: Path | str = storage.RESULTS
) -> str:
    """A text table: each study, its member count, members stored, DVC state and last wall time.

    >>> list_table().splitlines()[0].split()[:4]
    ['study', 'members', 'stored', 'state']
    """
    if studies is None:
        studies = [get_study(name) for name in study_names()]
    if not all(isinstance(s, Study) for s in studies):
        raise checks.expected("studies", "a list of Study", repr(studies))
    states = dvc_status([s.name for s in studies]) if studies else {}
    lines = [f"{'study':<10} {'members':>8} {'stored':>10}  {'state':<8} {'last wall':>10}  date"]
    for study in studies:
        total = study.size(study.config)
        table_path, meta_path = storage.result_paths(study.name, results)
        stored, wall, date, state = 0, "-", "-", "missing"
        if table_path.exists() and meta_path.exists():
            meta = storage.load_provenance(study.name, results)
            stored = len(storage.load(study.name, results))
            wall = f"{meta.get('wall_seconds', 0) / 60:.1f} min"
            date, state = meta.get("date", "-"), states.get(study.name, "unknown")
        lines.append(
            f"{study.name:<10} {total:>8} {f'{stored}/{total}':>10}  {state:<8} {wall:>10}  {date}"
        )
    return "\n".join(lines)


def _reproduce(study: Study, members: int, results: Path) -> int:
    from gru_lib.studies.provenance import pin_xla
    from gru_lib.studies.reproduce import reproduce

    pin_xla()
    differences = reproduce(study, members=members, results=results)
    mismatched = differences[~differences["match"]]
    tolerance = f"rtol={study.rtol:g}, atol={study.atol:g}"
    if len(mismatched):
        print(f"{study.name}: {len(mismatched)} mismatches ({tolerance}):", file=sys.stderr)
        print(mismatched.to_string(index=False), file=sys.stderr)
        return 1
    keys = sorted(set(differences["key"]))
    print(f"{study.name}: {len(keys)} member(s) reproduced within {tolerance}: {', '.join(keys)}")
    return 0


def _record_in_dvc(name: str) -> None:
    """After a direct ``studies run``, record the new results in ``dvc.lock`` (``dvc commit``),
    so ``dvc status`` is clean. Under ``dvc repro`` (which sets ``DVC_STAGE``) DVC does it."""
    dvc = _venv_dvc()
    if dvc is None:
        return
    subprocess.run(
        [dvc, "commit", "--force", "--quiet", name], cwd=storage.RESULTS.parent, check=False
    )
