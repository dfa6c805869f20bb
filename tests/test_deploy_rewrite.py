"""The deploy workflow's URL rewrite, run for real against the real _config.yml.

`sed` succeeds silently when its pattern matches nothing, so a changed _config.yml could leave
the published site pointing at the wrong repository. Each rewrite step must change the file,
and afterwards no default address may remain.
"""

import shutil
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DEFAULTS = ("https://github.com/gru-book/gru-book", "https://gru-book.github.io/gru-book/")
ENVIRONMENT = {
    "GITHUB_SERVER_URL": "https://github.example",
    "GITHUB_REPOSITORY": "someone/a-fork",
    "BASE_URL": "https://someone.example.io/a-fork/",
}


def rewrite_steps() -> list[str]:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text())
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    return [
        step["run"]
        for step in steps
        if "_config.yml" in step.get("run", "") and "sed" in step["run"]
    ]


def test_every_rewrite_changes_the_config_and_no_default_address_survives(tmp_path):
    steps = rewrite_steps()
    assert len(steps) == 2
    config = tmp_path / "_config.yml"
    shutil.copy(ROOT / "_config.yml", config)
    for command in steps:
        before = config.read_text()
        subprocess.run(["bash", "-c", command], cwd=tmp_path, env=ENVIRONMENT, check=True)
        assert config.read_text() != before, f"{command!r} changed nothing"
    rewritten = config.read_text()
    assert not any(default in rewritten for default in DEFAULTS)
    settings = yaml.safe_load(rewritten)
    assert settings["repository"]["url"] == "https://github.example/someone/a-fork"
    assert settings["html"]["baseurl"] == "https://someone.example.io/a-fork/"
