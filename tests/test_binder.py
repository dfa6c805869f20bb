"""Binder: an environment installed from binder/ alone runs a chapter within mybinder's memory.

mybinder.org cannot run here, so this test does what repo2docker does with our files: it copies
the repository, creates a fresh virtual environment, runs ``pip install -r binder/requirements.txt``
from the copy's root and then ``binder/postBuild``. In that environment the first notebook chapter
of ``book/_toc.yml`` is converted with jupytext and executed with nbclient in a fresh kernel,
whose peak resident memory is read from the operating system once it has exited (the other
chapters' memory is a ``make bench`` budget; see ``BINDER_CHAPTERS``).

Installing and executing are the expensive part, so they happen once, in session fixtures; every
test below only reads their results. It needs the package index (pip's cache makes a rerun
faster) and takes minutes, hence the ``slow`` mark.
"""

from __future__ import annotations

import inspect
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import toc_chapters

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
BINDER = ROOT / "binder"
# mybinder.org gives each session at most 2 GB of memory (its documented upper bound).
MEMORY_LIMIT_BYTES = 2_000_000_000
INSTALL_TIMEOUT_S = 1800
CHAPTER_TIMEOUT_S = 1200


def notebook_chapters(book: Path) -> list[Path]:
    """The pages of ``book/_toc.yml`` that are notebooks: MyST Markdown with a jupytext header."""
    pages = []
    for name in toc_chapters():
        path = book / name if Path(name).suffix else book / f"{name}.md"
        text = path.read_text()
        header = text.split("\n---", 1)[0] if text.startswith("---") else ""
        if "jupytext:" in header or "kernelspec:" in header:
            pages.append(path)
    return pages


CHAPTERS = [path.relative_to(ROOT / "book").as_posix() for path in notebook_chapters(ROOT / "book")]
# The chapter a Binder visitor opens first, run once in the fresh environment to prove that it
# executes a real chapter there. Every chapter already runs in the book build of this test
# session, and `make bench` holds each chapter's peak memory to 1.5 GB, under Binder's 2 GB, so
# running them all a second time here would only double the suite's time.
BINDER_CHAPTERS = CHAPTERS[:1]


def execute_chapter(chapter: str, timeout: int) -> None:
    """Run by the Binder environment's Python: execute one chapter and print a JSON report.

    The report holds the error (or None), the kernel's peak resident memory in bytes, the
    seconds taken and the interpreter the kernel ran on.
    """
    import json
    import resource
    import sys
    import time
    from pathlib import Path

    import jupytext
    from jupyter_client.kernelspec import KernelSpecManager
    from nbclient import NotebookClient

    path = Path(chapter)
    argv0 = KernelSpecManager().get_kernel_spec("python3").argv[0]
    client = NotebookClient(
        jupytext.read(path),
        kernel_name="python3",
        timeout=timeout,
        resources={
            "metadata": {"path": str(path.parent)}
        },  # chapters run from book/, as in a build
    )
    start, error = time.perf_counter(), None
    try:
        client.execute()
    except Exception as exc:  # reported to the test, which shows it
        error = f"{type(exc).__name__}: {exc}"
    # The kernel was this process's only child and has exited and been reaped by now, so the
    # largest resident set of a waited-for child is the kernel's peak (kilobytes on Linux).
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    print(
        json.dumps(
            {
                "error": error,
                "peak_rss_bytes": peak,
                "seconds": time.perf_counter() - start,
                "kernel_python": sys.executable if argv0 == "python" else argv0,
            }
        )  # fmt: skip
    )


def copy_repository(destination: Path) -> Path:
    """Copy what a clone holds (tracked and untracked-but-not-ignored files) to ``destination``."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)  # keeps postBuild executable
    return destination


def isolated_env(home: Path, venv: Path) -> dict[str, str]:
    """An environment in which only the Binder venv's Jupyter and Python are seen."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "JUPYTER", "VIRTUAL_ENV", "PIP_REQUIRE"))
    }
    env.update({
        "PATH": f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}",
        "VIRTUAL_ENV": str(venv),
        "JUPYTER_CONFIG_DIR": str(home / "jupyter-config"),
        "JUPYTER_DATA_DIR": str(home / "jupyter-data"),  # no kernelspec from the user's data dir
        "JUPYTER_RUNTIME_DIR": str(home / "jupyter-runtime"),
        "IPYTHONDIR": str(home / "ipython"),  # no startup files from the user's profile
        "MPLCONFIGDIR": str(home / "matplotlib"),
    })  # fmt: skip
    return env


@pytest.fixture(scope="session")
def binder_env(tmp_path_factory) -> dict:
    """A repository copy with a fresh venv installed from its binder/ files, postBuild run.

    pip installs without compiling every module to bytecode (``--no-compile``): the same
    packages resolve and install, and the chapter's kernel compiles only what it imports.
    Byte-compiling every module up front is no check of Binder's, and it is not small: the 16,000
    modules of the book's own environment took 300 s on its 2 cores under a load of 20.
    """
    base = tmp_path_factory.mktemp("binder")
    repository = copy_repository(base / "repository")
    venv = base / "venv"
    env = isolated_env(base / "home", venv)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, env=env)
    install = subprocess.run(
        [venv / "bin" / "python", "-m", "pip", "install", "--disable-pip-version-check", "-q",
         "--no-compile", "-r", "binder/requirements.txt"],
        cwd=repository, env=env, capture_output=True, text=True, timeout=INSTALL_TIMEOUT_S,
    )  # fmt: skip
    assert install.returncode == 0, install.stdout + install.stderr
    post_build = subprocess.run(
        [repository / "binder" / "postBuild"],
        cwd=repository,
        env=env,
        capture_output=True,
        text=True,
    )
    assert post_build.returncode == 0, post_build.stdout + post_build.stderr
    return {
        "repository": repository,
        "python": venv / "bin" / "python",
        "env": env,
        "install_seconds": time.perf_counter() - start,
    }


@pytest.fixture(scope="session")
def chapter_runs(binder_env) -> dict[str, dict]:
    """Each notebook chapter executed once in the Binder environment: chapter -> report."""
    driver = inspect.getsource(execute_chapter) + "\nexecute_chapter(sys.argv[1], int(sys.argv[2]))"
    reports = {}
    for chapter in BINDER_CHAPTERS:
        path = binder_env["repository"] / "book" / chapter
        completed = subprocess.run(
            [binder_env["python"], "-c", "import sys\n" + driver, path, str(CHAPTER_TIMEOUT_S)],
            cwd=path.parent,
            env=binder_env["env"],
            capture_output=True,
            text=True,
            timeout=CHAPTER_TIMEOUT_S + 120,
        )
        assert completed.returncode == 0, completed.stdout + completed.stderr
        reports[chapter] = report = json.loads(completed.stdout.strip().splitlines()[-1])
        # Shown with `pytest -rP` (or -s): what each chapter costs on this machine.
        print(
            f"{chapter}: {report['seconds']:.0f} s, kernel peak RSS "
            f"{report['peak_rss_bytes'] / 1e9:.2f} GB (installing took "
            f"{binder_env['install_seconds']:.0f} s)"
        )
    return reports


def test_binder_runtime_is_the_python_the_book_is_built_with():
    runtime = (BINDER / "runtime.txt").read_text().strip()
    assert runtime == f"python-{sys.version_info.major}.{sys.version_info.minor}"


def test_binder_requirements_install_gru_lib_from_the_repository_with_the_pins():
    lines = [line.strip() for line in (BINDER / "requirements.txt").read_text().splitlines()]
    assert "-e ." in lines and "-c ../constraints.txt" in lines
    assert {"jupytext", "myst-nb", "ipykernel", "nbclient"} <= set(lines)


def test_binder_environment_imports_the_repository_gru_lib(binder_env):
    where = subprocess.run(
        [binder_env["python"], "-c", "import gru_lib; print(gru_lib.__file__)"],
        cwd=binder_env["python"].parent,  # not a folder holding gru_lib, which `-c` would import
        env=binder_env["env"], capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    assert Path(where).is_relative_to(binder_env["repository"] / "gru_lib")


def test_postbuild_opens_markdown_chapters_as_notebooks(binder_env):
    settings = Path(binder_env["env"]["JUPYTER_CONFIG_DIR"], "labconfig")
    overrides = json.loads((settings / "default_setting_overrides.json").read_text())
    viewers = overrides["@jupyterlab/docmanager-extension:plugin"]["defaultViewers"]
    assert viewers == {"markdown": "Jupytext Notebook", "myst": "Jupytext Notebook"}


@pytest.mark.parametrize("chapter", BINDER_CHAPTERS)
def test_chapter_executes_in_the_binder_environment(chapter, chapter_runs, binder_env):
    report = chapter_runs[chapter]
    assert report["error"] is None, report["error"]
    assert Path(report["kernel_python"]) == binder_env["python"]


@pytest.mark.parametrize("chapter", BINDER_CHAPTERS)
def test_chapter_peak_memory_stays_under_the_binder_limit(chapter, chapter_runs):
    peak = chapter_runs[chapter]["peak_rss_bytes"]
    assert 0 < peak < MEMORY_LIMIT_BYTES, f"{chapter}: kernel peak RSS {peak / 1e9:.2f} GB"


# Colab: a chapter's generated notebook (notebooks/, gru_book/colab_notebooks.py) runs in this
# same fresh environment, its install cell included. Colab is faked by putting "google.colab" into
# sys.modules, and the cell's GitHub clone is pointed at a local git repository of the copy.
from gru_book.benchmark_report import read_report  # noqa: E402  (the one reader of latest.json)

COLAB_CHAPTER = min(
    (run for run in read_report(ROOT / "benchmarks" / "latest.json").chapters
     if (ROOT / "notebooks" / f"{run.chapter}.ipynb").is_file()),
    key=lambda run: run.seconds,
).chapter  # fmt: skip  # the quickest chapter of the last `make bench`


@pytest.fixture(scope="session")
def colab_run(binder_env, tmp_path_factory) -> dict:
    """The quickest chapter's Colab notebook executed as Colab would: -> cwd, gru_lib, error."""
    import nbformat

    base = tmp_path_factory.mktemp("colab")
    origin = copy_repository(base / "origin")
    notebook = nbformat.read(origin / "notebooks" / f"{COLAB_CHAPTER}.ipynb", as_version=4)
    install = notebook.cells[1]
    assert "colab-install" in install.metadata["tags"]
    ref = re.search(r'REF = "([^"]+)"', install.source).group(1)
    git = ["git", "-c", "user.name=test", "-c", "user.email=test@example.org"]
    for command in (["init", "-q", "-b", ref], ["add", "-A"], ["commit", "-q", "-m", "copy"]):
        subprocess.run([*git, *command], cwd=origin, check=True, capture_output=True)
    clone = base / "content" / "gru-book"
    install.source = re.sub(
        r'REPOSITORY = "[^"]+"', f'REPOSITORY = "file://{origin}"', install.source
    )
    install.source = re.sub(r'CLONE = "[^"]+"', f'CLONE = "{clone}"', install.source)
    fake_colab = 'import sys, types\nsys.modules["google.colab"] = types.ModuleType("google.colab")'
    reported = base / "report.txt"
    report = (
        "import os, gru_lib\n"
        f"open({str(reported)!r}, 'w').write(os.getcwd() + '\\n' + gru_lib.__file__)"
    )
    notebook.cells.insert(0, nbformat.v4.new_code_cell(fake_colab))
    notebook.cells.append(nbformat.v4.new_code_cell(report))
    content = base / "content"  # Colab starts in /content
    content.mkdir()
    path = content / f"{COLAB_CHAPTER}.ipynb"
    nbformat.write(notebook, path)
    driver = inspect.getsource(execute_chapter) + "\nexecute_chapter(sys.argv[1], int(sys.argv[2]))"
    try:
        completed = subprocess.run(
            [binder_env["python"], "-c", "import sys\n" + driver, path, str(CHAPTER_TIMEOUT_S)],
            cwd=content, env=binder_env["env"], capture_output=True, text=True,
            timeout=CHAPTER_TIMEOUT_S + 300,
        )  # fmt: skip
    finally:
        # Put the Binder environment's editable gru_lib back for the other tests.
        subprocess.run(
            [binder_env["python"], "-m", "pip", "install", "--disable-pip-version-check", "-q",
             "--no-deps", "-e", binder_env["repository"]],
            env=binder_env["env"], capture_output=True, check=True,
        )  # fmt: skip
    assert completed.returncode == 0, completed.stdout + completed.stderr
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    print(f"Colab notebook {COLAB_CHAPTER}: {result['seconds']:.0f} s, install cell included")
    cwd, gru_lib_file = reported.read_text().splitlines() if result["error"] is None else ("", "")
    return {"error": result["error"], "cwd": cwd, "gru_lib": gru_lib_file, "clone": clone}


def test_colab_notebook_installs_gru_lib_and_runs_its_chapter(colab_run, binder_env):
    assert colab_run["error"] is None, colab_run["error"]
    # It ran from the clone's book/ folder, with gru_lib installed from the clone (not editable).
    assert Path(colab_run["cwd"]) == colab_run["clone"] / "book"
    installed = Path(colab_run["gru_lib"])
    assert "site-packages" in installed.parts
    assert installed.is_relative_to(binder_env["python"].parents[1])
