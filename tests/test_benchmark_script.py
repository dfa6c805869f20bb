"""benchmarks/run.py: a smoke run writes the documented JSON, and budgets report their gaps."""

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "benchmarks" / "run.py"


def load_script():
    spec = importlib.util.spec_from_file_location("benchmark_run", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def quick_report(tmp_path_factory):
    output = tmp_path_factory.mktemp("bench") / "report.json"
    done = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--quick",
            "--skip-build",
            "--only",
            "throughput",
            "--output",
            str(output),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(output.read_text()), done.stdout


@pytest.mark.slow  # runs the benchmark script in a fresh interpreter
def test_a_quick_throughput_run_writes_the_documented_json(quick_report):
    report, _ = quick_report
    assert report["schema"] == 1 and report["quick"] is True
    assert report["sections"] == ["throughput"]
    assert report["build"] is None and report["chapters"] is None and report["startup"] is None
    assert {"date", "machine", "commit", "load_average_start", "load_average_end"} <= set(report)
    assert "CPU cores" in report["machine"]
    throughput = report["throughput"]
    assert {row["layer"] for row in throughput["cpu"]} == {"scratch_gru", "gru", "lstm"}
    assert all(row["device"] == "cpu" and row["steps_per_second"] > 0 for row in throughput["cpu"])
    assert (throughput["gpu"] is None) == (throughput["gpu_note"] == "no GPU")


@pytest.mark.slow  # reads the same benchmark run
def test_the_scratch_gru_budget_is_checked_at_every_measured_cpu_size(quick_report):
    report, printed = quick_report
    sizes = {(row["time"], row["units"]) for row in report["throughput"]["cpu"]}
    budgets = [b for b in report["budgets"] if b["name"].startswith("scratch_gru")]
    assert len(budgets) == len(sizes)
    assert all(b["limit"] == 0.9 and b["kind"] == "at least" for b in budgets)
    assert "Budgets:" in printed and "Train-step throughput, cpu" in printed


def test_a_missed_budget_reports_by_how_much():
    budget = load_script().budget
    late = budget("clean build", 300.0, 240.0, "s")
    assert not late["holds"] and late["gap"] == 60.0 and late["gap_percent"] == 25.0
    assert late["verdict"] == "missed by 60 s (25%)"
    slow = budget("ratio", 0.72, 0.9, "×", at_least=True)
    assert not slow["holds"] and slow["gap"] == pytest.approx(0.18)
    quick = budget("rebuild", 10.0, 15.0, "s")
    assert quick["holds"] and quick["gap"] == 0.0


def test_every_chapter_gets_a_time_and_a_memory_budget_and_unlisted_ones_the_default():
    script = load_script()
    report = {
        "build": {"clean_seconds": 100.0, "rebuild_seconds": 20.0},
        "throughput": None,
        "sweep": [
            {"method": "engine", "length": 10, "seconds": 4.0},
            {"method": "fit", "length": 10, "seconds": 20.0},
            {"method": "jax", "length": 10, "seconds": 1.0},
        ],
        "chapters": [
            {"chapter": "gru-vs-lstm", "seconds": 100.0, "peak_rss_mb": 900.0},
            {"chapter": "appendix", "seconds": 100.0, "peak_rss_mb": 1600.0},
        ],
    }
    verdicts = {b["name"]: (b["limit"], b["holds"]) for b in script.check_budgets(report)}
    assert verdicts == {
        "clean build": (110.0, True),
        "rebuild, nothing changed": (5.0, False),
        "sweep T=10: fit ÷ engine": (3.0, True),
        "sweep T=10: engine ÷ jax": (2.0, False),
        "chapter gru-vs-lstm: time": (120.0, True),
        "chapter gru-vs-lstm: peak memory": (1500.0, True),
        "chapter appendix: time": (90.0, False),
        "chapter appendix: peak memory": (1500.0, False),
    }


@pytest.mark.slow  # runs the benchmark script in a fresh interpreter
def test_a_partial_run_without_output_leaves_the_books_figures_alone(tmp_path):
    latest = ROOT / "benchmarks" / "latest.json"
    before = latest.read_bytes() if latest.exists() else None
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--only", "build", "--skip-build"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "latest.json left as it was" in done.stdout
    assert (latest.read_bytes() if latest.exists() else None) == before


def test_a_rebuild_after_the_sources_changed_is_reported_but_not_judged():
    script = load_script()
    report = {"build": {"clean_seconds": 200.0, "rebuild_seconds": 180.0, "sources_changed": True},
              "throughput": None, "chapters": None}  # fmt: skip
    rebuild = next(b for b in script.check_budgets(report) if b["name"].startswith("rebuild"))
    assert rebuild["measured"] == 180.0 and rebuild["holds"] is None and rebuild["gap"] is None
    assert "sources changed" in rebuild["invalid"] == rebuild["verdict"]


def test_the_sources_fingerprint_changes_with_a_chapter_and_only_then(tmp_path, monkeypatch):
    script = load_script()
    book = tmp_path / "book"
    (book / "_ext").mkdir(parents=True)
    shutil.copy(ROOT / "book" / "_ext" / "library_freshness.py", book / "_ext")
    chapter = book / "chapter.md"
    chapter.write_text("# A chapter\n")
    monkeypatch.setattr(script, "BOOK", book)
    first = script.sources_fingerprint()
    assert script.sources_fingerprint() == first
    (book / "_build").mkdir()
    (book / "_build" / "output.html").write_text("built pages do not count")
    assert script.sources_fingerprint() == first
    chapter.write_text("# A chapter, edited\n")
    assert script.sources_fingerprint() != first


@pytest.mark.slow
def test_a_failing_chapter_keeps_its_name_and_reports_the_error():
    import nbformat

    script = load_script()
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell("raise KeyError('k')")]
    )
    result = script.run_chapter("broken-chapter", notebook)
    assert result["chapter"] == "broken-chapter"
    assert result["ok"] is False and result["error"].startswith("KeyError")
    budgets = script.check_budgets({"build": None, "throughput": None, "chapters": [result]})
    assert [b["name"] for b in budgets if "broken-chapter" in b["name"]]
