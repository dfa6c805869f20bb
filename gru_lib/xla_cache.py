"""A persistent XLA compilation cache: programs compiled once are loaded by the next process.

The engine compiles every epoch program with XLA, and every new process (a chapter's kernel, a
test's subprocess, ``python -m gru_lib``) compiles it again: about a second per program on the
book's 2-core machine. TensorFlow can keep what it compiles on disk and load it in the next
process (``--tf_xla_persistent_cache_directory`` in ``TF_XLA_FLAGS``). It reads that flag when it
is imported, so :func:`use_persistent_cache` must run before the first ``import tensorflow`` of a
process; processes started afterwards inherit it through the environment.

A loaded program is the program XLA would compile, so the numbers are the same bit for bit
(``tests/test_xla_cache.py`` trains with and without the cache in fresh processes). That holds
only for the same inputs to the compiler, and TensorFlow's cache key does not include all of them:
a program compiled with ``XLA_FLAGS=--xla_cpu_max_isa=AVX2`` (a study) is found again, and loaded,
by a process without the cap (measured: it gives the capped program's numbers). So each setting
gets a folder of its own, named by a hash of :func:`cache_key`: the packages that compile (the
TensorFlow and Keras versions), the CPU (model and vector-instruction flags) and ``XLA_FLAGS``.
When the packages or the CPU change, the whole cache is emptied (the stamp file at its top), as
the execution cache is when gru_lib changes (``gru_book/sphinx/library_freshness.py``).

Who turns it on: the book build (``gru_book/sphinx/xla_cache.py``, cache in ``_build/.xla-cache``),
the command line (:mod:`gru_lib.cli.main`) and the test session (``tests/conftest.py``), never
the engine itself. ``GRU_LIB_XLA_CACHE`` names the folder for all of them; ``off`` turns the cache
off.
"""

from __future__ import annotations

import hashlib
import os
import platform
import shutil
from collections.abc import MutableMapping
from importlib import metadata
from pathlib import Path

from gru_lib import checks

__all__ = [
    "ENVIRONMENT_VARIABLE", "cache_folder", "cache_key", "chosen_directory", "use_persistent_cache",
]  # fmt: skip

ENVIRONMENT_VARIABLE = "GRU_LIB_XLA_CACHE"
_FLAG = "--tf_xla_persistent_cache_directory="
_STAMP = "packages-and-cpu.txt"
_COMPILERS = ("tensorflow", "tensorflow-cpu", "keras")
_OFF = ("", "0", "off", "false", "no")


def cache_key(environ: MutableMapping[str, str] | None = None) -> dict[str, str]:
    """What decides the machine code XLA makes of a program, besides the program itself.

    ``packages`` and ``cpu`` empty the whole cache when they change; ``xla_flags`` picks a
    folder within it.

    >>> sorted(cache_key({"XLA_FLAGS": "--xla_cpu_max_isa=AVX2"}).items())[-1]
    ('xla_flags', '--xla_cpu_max_isa=AVX2')
    """
    environ = _environment(environ)
    versions = []
    for name in _COMPILERS:
        try:
            versions.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            continue
    return {
        "packages": " ".join(versions),
        "cpu": _cpu(),
        "xla_flags": " ".join(environ.get("XLA_FLAGS", "").split()),
    }


def chosen_directory(
    default: str | os.PathLike, environ: MutableMapping[str, str] | None = None
) -> Path | None:
    """The cache folder: ``GRU_LIB_XLA_CACHE`` when set (None when it says ``off``), else
    ``default``.

    >>> chosen_directory("_build/.xla-cache", {"GRU_LIB_XLA_CACHE": "off"}) is None
    True
    >>> chosen_directory("_build/.xla-cache", {}).name
    '.xla-cache'
    """
    environ = _environment(environ)
    if not isinstance(default, str | os.PathLike) or not str(default).strip():
        raise checks.expected("default", "a folder path", default)
    value = environ.get(ENVIRONMENT_VARIABLE)
    if value is None:
        return Path(default)
    return None if value.strip().lower() in _OFF else Path(value)


def use_persistent_cache(
    directory: str | os.PathLike, environ: MutableMapping[str, str] | None = None
) -> Path:
    """Point TensorFlow's persistent XLA cache at ``directory``; return the folder it will use.

    Sets ``TF_XLA_FLAGS`` in ``environ`` (default: this process's environment, so processes
    started later inherit it), keeping any other flag there and replacing an earlier cache folder.
    The folder is ``directory/<hash of cache_key()>``; ``directory`` is emptied first when its
    stamp names other packages or another CPU. ``GRU_LIB_XLA_CACHE`` is set to ``directory``, so
    that a child process which changes ``XLA_FLAGS`` can call this again and get its own folder.
    TensorFlow's loader logs spurious errors on a hit (a text-format parse it then retries in
    binary), so the C++ log level defaults to 3 (none) as ``import gru_lib`` sets it.

    >>> import tempfile
    >>> env = {"TF_XLA_FLAGS": "--tf_xla_auto_jit=0"}
    >>> folder = use_persistent_cache(tempfile.mkdtemp(), env)
    >>> env["TF_XLA_FLAGS"] == f"--tf_xla_auto_jit=0 --tf_xla_persistent_cache_directory={folder}"
    True
    """
    environ = _environment(environ)
    if not isinstance(directory, str | os.PathLike) or not str(directory).strip():
        raise checks.expected("directory", "a folder path", directory)
    base = Path(directory).resolve()
    if base.exists() and not base.is_dir():
        raise checks.invalid("directory", f"It is a file, not a folder: directory={str(base)!r}.")
    key = cache_key(environ)
    stamp = f"{key['packages']}\n{key['cpu']}\n"
    if (base / _STAMP).is_file() and (base / _STAMP).read_text() != stamp:
        shutil.rmtree(base)  # compiled by other packages or for another CPU: never load it
    base.mkdir(parents=True, exist_ok=True)
    (base / _STAMP).write_text(stamp)
    folder = base / hashlib.sha256(repr(sorted(key.items())).encode()).hexdigest()[:16]
    folder.mkdir(exist_ok=True)
    (folder / "xla-flags.txt").write_text(key["xla_flags"] + "\n")
    flags = [f for f in environ.get("TF_XLA_FLAGS", "").split() if not f.startswith(_FLAG)]
    environ["TF_XLA_FLAGS"] = " ".join([*flags, f"{_FLAG}{folder}"])
    environ[ENVIRONMENT_VARIABLE] = str(base)
    environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    return folder


def cache_folder(environ: MutableMapping[str, str] | None = None) -> Path | None:
    """The folder ``TF_XLA_FLAGS`` in ``environ`` points TensorFlow's persistent cache at, or
    None. A page that times compilation counts the programs there before and after, to tell a
    compilation from a load.

    >>> cache_folder({"TF_XLA_FLAGS": "--tf_xla_persistent_cache_directory=/tmp/x"})
    PosixPath('/tmp/x')
    >>> cache_folder({}) is None
    True
    """
    environ = _environment(environ)
    flags = [f for f in environ.get("TF_XLA_FLAGS", "").split() if f.startswith(_FLAG)]
    return Path(flags[-1].removeprefix(_FLAG)) if flags else None


def _environment(environ: object) -> MutableMapping[str, str]:
    if environ is None:
        return os.environ
    if not isinstance(environ, MutableMapping):
        raise checks.expected("environ", "a mapping of environment variables or None", environ)
    return environ


def _cpu() -> str:
    """The CPU's model and vector-instruction flags (what XLA compiles for), or the platform."""
    model, flags = platform.processor(), ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text().splitlines():
            name, _, value = line.partition(":")
            if name.strip() == "model name":
                model = value.strip()
            elif name.strip() == "flags":
                vector = ("avx", "sse", "fma", "amx")
                flags = " ".join(sorted(f for f in value.split() if f.startswith(vector)))
            if model and flags:
                break
    return f"{platform.machine()} {model} {flags}".strip()
