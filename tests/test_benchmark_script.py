"""benchmarks/: a smoke run writes the documented JSON, the one reader reads it (and the book's
latest.json), budgets report their gaps, and a failing chapter keeps its name."""

import contextlib
import io
import json
import os
from pathlib import Path

import jupytext
import nbformat
import pytest

from benchmarks import book_cost, budgets
from gru_book.benchmark_report import (
    Build,
    Chapter,
    Report,
    read_report,
    report_from_dict,
    write_report,
)

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS = ROOT / "benchmarks"


def fake_report(**sections) -> Report:
    return Report(date="2026-01-01T00:00:00+00:00", machine="test", **sections)


@pytest.fixture(scope="module")
def quick_report(tmp_path_factory):
    """``make bench``'s command line, quick throughput only, run in this process (TensorFlow is
    loaded here already; a fresh interpreter would only import it again)."""
    from benchmarks import run

    output = tmp_path_factory.mktemp("bench") / "report.json"
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        status = run.main(
            ["--quick", "--skip-build", "--only", "throughput", "--output", str(output)]
        )
    assert status == 0, printed.getvalue()
    return json.loads(output.read_text()), printed.getvalue()


@pytest.mark.slow  # trains the throughput models, at tiny sizes
def test_a_quick_throughput_run_writes_the_documented_json(quick_report):
    report, _ = quick_report
    assert (
        report["schema"] == 1 and report_from_dict(report).quick is True and report["quick"] is True
    )
    assert report["sections"] == ["throughput"]
    assert report["build"] is None and report["chapters"] is None and report["startup"] is None
    assert {"date", "machine", "commit", "load_average_start", "load_average_end"} <= set(report)
    assert "CPU cores" in report["machine"]
    throughput = report["throughput"]
    assert {row["layer"] for row in throughput["cpu"]} == {"scratch_gru", "gru", "lstm"}
    assert all(row["device"] == "cpu" and row["steps_per_second"] > 0 for row in throughput["cpu"])
    assert all(row["batch_size"] == 4 for row in throughput["cpu"])
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
    budget = budgets.budget
    late = budget("clean build", 300.0, 240.0, "s")
    assert not late.holds and late.gap == 60.0 and late.gap_percent == 25.0
    assert late.verdict == "missed by 60 s (25%)"
    slow = budget("ratio", 0.72, 0.9, "×", at_least=True)
    assert not slow.holds and slow.gap == pytest.approx(0.18)
    quick = budget("rebuild", 10.0, 15.0, "s")
    assert quick.holds and quick.gap == 0.0


def test_every_chapter_gets_a_time_and_a_memory_budget_and_unlisted_ones_the_default():
    report = fake_report(
        build=Build(clean_seconds=100.0, clean_ok=True, rebuild_seconds=20.0, rebuild_ok=True),
        sweep=[
            {"method": "engine", "length": 10, "seconds": 4.0},
            {"method": "engine-warm", "length": 10, "seconds": 5.0},
            {"method": "fit", "length": 10, "seconds": 20.0},
            {"method": "jax", "length": 10, "seconds": 1.0},
        ],
        chapters=[
            Chapter(chapter="gru-vs-lstm", seconds=100.0, peak_rss_mb=900.0),
            Chapter(chapter="appendix", seconds=100.0, peak_rss_mb=1600.0),
        ],
    )
    verdicts = {b.name: (b.limit, b.holds) for b in budgets.check_budgets(report)}
    assert verdicts == {
        "clean build": (110.0, True),
        "rebuild, nothing changed": (5.0, False),
        "sweep T=10: fit ÷ engine": (3.0, True),
        "sweep T=10: fit ÷ engine, warm XLA cache": (5.0, False),
        "sweep T=10: engine ÷ jax": (2.0, False),
        "chapter gru-vs-lstm: time": (120.0, True),
        "chapter gru-vs-lstm: peak memory": (1500.0, True),
        "chapter appendix: time": (90.0, False),
        "chapter appendix: peak memory": (1500.0, False),
    }


def test_a_partial_run_without_output_leaves_the_books_figures_alone(capsys):
    from benchmarks import run

    latest = ROOT / "benchmarks" / "latest.json"
    before = latest.read_bytes() if latest.exists() else None
    assert run.main(["--only", "build", "--skip-build"]) == 0
    assert "latest.json left as it was" in capsys.readouterr().out
    assert (latest.read_bytes() if latest.exists() else None) == before


def test_a_rebuild_after_the_sources_changed_is_reported_but_not_judged():
    report = fake_report(
        build=Build(clean_seconds=200.0, clean_ok=True, rebuild_seconds=180.0, rebuild_ok=True,
                    sources_changed=True)
    )  # fmt: skip
    rebuild = next(b for b in budgets.check_budgets(report) if b.name.startswith("rebuild"))
    assert rebuild.measured == 180.0 and rebuild.holds is None and rebuild.gap is None
    assert "sources changed" in rebuild.invalid == rebuild.verdict


def test_the_chapter_budgets_of_the_three_long_chapters_are_two_minutes():
    for name in ("rnn-limitations", "gru-vs-lstm", "gru-parallel"):
        assert budgets.CHAPTER_SECONDS[name] == 120.0


def test_the_sources_fingerprint_follows_the_books_files(tmp_path):
    (tmp_path / "chapter.md").write_text("# one")
    first = book_cost.sources_fingerprint(tmp_path)
    (tmp_path / "chapter.md").write_text("# two")
    assert book_cost.sources_fingerprint(tmp_path) != first
    (tmp_path / "chapter.md").write_text("# one")
    assert book_cost.sources_fingerprint(tmp_path) == first
    (tmp_path / "_build").mkdir()
    (tmp_path / "_build" / "page.html").write_text("built output is not a source")
    assert book_cost.sources_fingerprint(tmp_path) == first


def test_a_failing_chapter_keeps_its_name_and_is_judged_against_its_own_budget():
    notebook = jupytext.reads(
        "---\njupyter:\n  kernelspec:\n    name: python3\n    display_name: Python 3\n---\n"
        "```{code-cell} ipython3\nraise ValueError('broken on purpose')\n```\n",
        fmt="md:myst",
    )
    result = book_cost.run_chapter("gru-vs-lstm", nbformat.from_dict(notebook))
    assert result.chapter == "gru-vs-lstm" and not result.ok
    assert result.error == "ValueError: broken on purpose"
    verdicts = budgets.check_budgets(fake_report(chapters=[result]))
    assert verdicts[0].name == "chapter gru-vs-lstm: time" and verdicts[0].limit == 120.0


def test_the_reader_reads_the_books_latest_json():
    report = read_report(BENCHMARKS / "latest.json")
    assert report.schema == 1 and report.machine and report.budgets
    assert report.build is not None and report.chapters and report.throughput is not None
    rows = report.throughput.cpu
    assert rows and all("batch_size" in row and "batch" not in row for row in rows)
    assert "batch_size" in report.throughput.sizes


def test_what_the_writer_writes_the_reader_reads_back(tmp_path):
    report = read_report(BENCHMARKS / "latest.json")
    write_report(report, tmp_path / "again.json")
    assert read_report(tmp_path / "again.json") == report


def test_the_reader_refuses_another_schema(tmp_path):
    (tmp_path / "old.json").write_text(json.dumps({"schema": 0}))
    with pytest.raises(ValueError, match="schema=0"):
        read_report(tmp_path / "old.json")


def test_the_performance_page_reads_the_report_only_through_the_reader():
    page = (ROOT / "book" / "performance.md").read_text()
    assert "read_report(" in page and "json.loads" not in page
    # The reader lives in gru_book, whose source the build fingerprints: a change re-executes.
    from gru_book.sphinx.library_freshness import PACKAGES

    assert "gru_book" in PACKAGES


@pytest.mark.parametrize(
    ("arguments", "pattern"),
    [
        (("engine", 10), "cache=None"),
        (("engine-warm", 10, "{empty}"), "needs a filled folder"),
        (("transformer", 10), "method='transformer'"),
    ],
)
def test_the_sweep_script_refuses_a_method_or_cache_that_cannot_be_measured(
    arguments, pattern, tmp_path, monkeypatch
):
    from benchmarks import sweep

    for name in ("TF_XLA_FLAGS", "GRU_LIB_XLA_CACHE", "TF_CPP_MIN_LOG_LEVEL"):  # it sets them
        monkeypatch.setenv(name, os.environ.get(name, ""))

    arguments = [str(tmp_path) if a == "{empty}" else a for a in arguments]
    with pytest.raises(ValueError, match=pattern):
        sweep.main(*arguments)
