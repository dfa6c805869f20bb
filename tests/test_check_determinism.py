"""benchmarks/check_determinism.py: timings are masked, any other difference is reported."""

from pathlib import Path

import pytest

from benchmarks import check_determinism

ROOT = Path(__file__).resolve().parents[1]

PAGE = """<html><body><article class="bd-article">
<h1>Chapter</h1>
<p>The GRU reached an accuracy of {accuracy} over 3 seeds.</p>
<p>Training took {seconds} s ({rate} steps/s), {faster}× faster than fit.</p>
<p>The load average was {load} when it started, on 2026-11-27T0{hour}:00:00+00:00.</p>
<table><thead><tr><th>layer</th><th>seconds</th><th>mse</th></tr></thead>
<tbody><tr><td>gru</td><td>{seconds}</td><td>{mse}</td></tr></tbody></table>
<script>var t = {seconds};</script>
</article></body></html>"""
RUN = {"accuracy": "0.93", "seconds": "12.5", "rate": "410", "faster": "3.2", "load": "2.71",
       "hour": "1", "mse": "0.041"}  # fmt: skip


def fake_site(folder: Path, **changes) -> Path:
    (folder / "_static").mkdir(parents=True)
    (folder / "_static" / "noise.html").write_text(str(changes))  # not a page of the book
    (folder / "chapter.html").write_text(PAGE.format(**{**RUN, **changes}))
    live = {**RUN, **changes}  # the performance page measures the building machine: all masked
    (folder / "performance.html").write_text(
        f"<article class='bd-article'>Live run: {live['rate']} and {live['load']}</article>"
    )
    return folder


def test_timings_speeds_loads_and_dates_are_masked(tmp_path):
    first = fake_site(tmp_path / "a")
    second = fake_site(tmp_path / "b", seconds="19.0", rate="377", faster="2.9", load="3.5",
                       hour="2")  # fmt: skip
    assert check_determinism.compare_sites(first, second) == ""
    text = "\n".join(check_determinism.site_text(first)["chapter.html"])
    assert "0.93" in text and "3 seeds" in text and "0.041" in text  # results stay compared
    assert "12.5" not in text and "410" not in text and "2.71" not in text


@pytest.mark.parametrize(("field", "value"), [("accuracy", "0.94"), ("mse", "0.042")])
def test_a_changed_result_is_reported_with_a_diff(tmp_path, field, value):
    first, second = fake_site(tmp_path / "a"), fake_site(tmp_path / "b", **{field: value})
    diff = check_determinism.compare_sites(first, second)
    assert f"-{RUN[field]}" in diff.replace(" ", "") or RUN[field] in diff
    assert value in diff and "first/chapter.html" in diff


def test_a_page_in_one_build_only_is_a_difference(tmp_path):
    first, second = fake_site(tmp_path / "a"), fake_site(tmp_path / "b")
    (second / "extra.html").write_text("<article class='bd-article'>new page</article>")
    assert "second/extra.html" in check_determinism.compare_sites(first, second)


def test_the_command_line_compares_two_sites_and_exits_1_on_a_difference(tmp_path, capsys):
    first, same = fake_site(tmp_path / "a"), fake_site(tmp_path / "b", seconds="99")
    assert check_determinism.main(["--sites", str(first), str(same)]) == 0
    assert "same text on all 2 pages" in capsys.readouterr().out
    other = fake_site(tmp_path / "c", accuracy="0.5")
    assert check_determinism.main(["--sites", str(first), str(other)]) == 1
    assert "+The GRU reached an accuracy of 0.5" in capsys.readouterr().out


def test_empty_folders_are_refused(tmp_path):
    with pytest.raises(ValueError, match="No pages found"):
        check_determinism.compare_sites(tmp_path, tmp_path)


def test_a_glued_number_beside_its_unit_and_a_measuring_section_are_masked():
    html = (
        '<article class="bd-article"><section id="accuracy"><p>It trained for'
        " <span>58</span> seconds to an accuracy of <span>0.93</span>, <span>1.4</span> times"
        ' as long as the GRU.</p></section><section id="speed-measured"><p>A pass took'
        " 12.5 ms at 512 steps.</p></section></article>"
    )
    lines = check_determinism.page_text(html, sections={"speed-measured"})
    text = " ".join(lines)
    assert "0.93" in text  # a result, compared between builds
    assert "58" not in text and "1.4" not in text and "12.5" not in text and "512" not in text


@pytest.mark.slow  # one more clean build of the book, about as long as the session's own
def test_a_second_clean_build_shows_the_same_text_as_the_sessions_build(
    built_book, tmp_path_factory
):
    """CI's run of ``make check-determinism``: the session's build against a second clean one.

    Each has its own, empty execution cache, so every chapter runs twice. The second finds the
    programs the first compiled in the persistent XLA cache and loads them (gru_lib.xla_cache),
    so this also checks that a loaded program shows the same numbers as a compiled one.
    """
    second = check_determinism.build(tmp_path_factory.mktemp("second-build"))
    difference = check_determinism.compare_sites(built_book, second)
    assert difference == "", f"two clean builds differ, timings aside:\n{difference[-6000:]}"
