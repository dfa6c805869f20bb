"""The budgets the benchmark judges its measurements against, and the verdicts.

Budgets hold on the book's 2-core reference machine (issue 7). Seconds unless said otherwise.
They are reported, never asserted: a missed budget says by how much.
"""

from __future__ import annotations

from gru_book.benchmark_report import Budget, Report, fmt

CLEAN_BUILD_SECONDS = 110.0
REBUILD_SECONDS = 5.0
SWEEP_LENGTHS = (10, 50)
SWEEP_MIN_SPEEDUP = 3.0  # plain fit's sweep time over the engine's, at each length
# The same with the engine's programs already in the persistent XLA cache (gru_lib.xla_cache).
SWEEP_MIN_SPEEDUP_WARM = 5.0
ENGINE_MAX_OVER_JAX = 2.0  # the engine's sweep time over Keras on JAX
CHAPTER_SECONDS = {
    "hands-on": 90.0,
    "rnn-limitations": 120.0,
    "gru-gates": 90.0,
    "gru-vs-lstm": 120.0,
    "gru-practice": 120.0,
    "gru-parallel": 120.0,
}
DEFAULT_CHAPTER_SECONDS = 90.0
CHAPTER_PEAK_MB = 1500.0  # 1.5 GB, in MB of 10**6 bytes
SCRATCH_GRU_MIN_RATIO = 0.9


def budget(
    name: str,
    measured: float,
    limit: float,
    unit: str,
    *,
    at_least: bool = False,
    invalid: str | None = None,
) -> Budget:
    """One budget's verdict; ``gap`` is how far the measurement is on the wrong side (or 0).

    ``invalid`` says why the measurement cannot be judged; ``holds`` and ``gap`` are then None.
    """
    shortfall = (limit - measured) if at_least else (measured - limit)
    gap = max(shortfall, 0.0)
    if invalid:
        verdict = invalid
    elif shortfall <= 0:
        verdict = "holds"
    else:
        verdict = f"missed by {fmt(gap)} {unit} ({gap / limit * 100:.0f}%)"
    return Budget(
        name=name,
        measured=measured,
        limit=limit,
        unit=unit,
        kind="at least" if at_least else "at most",
        holds=None if invalid else shortfall <= 0,
        gap=None if invalid else gap,
        gap_percent=None if invalid else gap / limit * 100,
        invalid=invalid,
        verdict=verdict,
    )


def check_budgets(report: Report) -> list[Budget]:
    """Every budget that the measured sections of ``report`` can be judged against."""
    budgets = []
    if report.build:
        build = report.build
        budgets.append(budget("clean build", build.clean_seconds, CLEAN_BUILD_SECONDS, "s"))
        changed = "not judged: sources changed during the builds" if build.sources_changed else None
        budgets.append(
            budget(
                "rebuild, nothing changed",
                build.rebuild_seconds,
                REBUILD_SECONDS,
                "s",
                invalid=changed,
            )
        )
    seconds = {(r["method"], r["length"]): r["seconds"] for r in report.sweep or []}
    for length in SWEEP_LENGTHS:
        engine = seconds.get(("engine", length))
        if engine and ("fit", length) in seconds:
            speedup = seconds[("fit", length)] / engine
            name = f"sweep T={length}: fit ÷ engine"
            budgets.append(budget(name, speedup, SWEEP_MIN_SPEEDUP, "×", at_least=True))
        warm = seconds.get(("engine-warm", length))
        if warm and ("fit", length) in seconds:
            speedup = seconds[("fit", length)] / warm
            name = f"sweep T={length}: fit ÷ engine, warm XLA cache"
            budgets.append(budget(name, speedup, SWEEP_MIN_SPEEDUP_WARM, "×", at_least=True))
        if engine and ("jax", length) in seconds:
            ratio = engine / seconds[("jax", length)]
            name = f"sweep T={length}: engine ÷ jax"
            budgets.append(budget(name, ratio, ENGINE_MAX_OVER_JAX, "×"))
    for chapter in report.chapters or []:
        limit = CHAPTER_SECONDS.get(chapter.chapter, DEFAULT_CHAPTER_SECONDS)
        budgets.append(budget(f"chapter {chapter.chapter}: time", chapter.seconds, limit, "s"))
        budgets.append(
            budget(
                f"chapter {chapter.chapter}: peak memory",
                chapter.peak_rss_mb,
                CHAPTER_PEAK_MB,
                "MB",
            )
        )
    for row in (report.throughput.cpu if report.throughput else None) or []:
        if row["layer"] == "scratch_gru":
            name = f"scratch_gru ÷ keras GRU, cpu, time {row['time']}, units {row['units']}"
            budgets.append(
                budget(name, row["ratio_to_gru"], SCRATCH_GRU_MIN_RATIO, "×", at_least=True)
            )
    return budgets
