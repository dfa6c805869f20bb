"""The Sphinx extension that keeps cached notebook outputs in step with gru_lib's source."""

from __future__ import annotations

from types import SimpleNamespace

from gru_book.sphinx import library_freshness


def fake_app(tmp_path, files=()):
    config = SimpleNamespace(
        nb_execution_cache_path=str(tmp_path / "cache"), library_freshness_files=list(files)
    )
    return SimpleNamespace(config=config, outdir=str(tmp_path / "html"), srcdir=str(tmp_path))


def test_fingerprint_follows_the_contents_of_the_watched_files(tmp_path):
    watched = tmp_path / "latest.json"
    watched.write_text("{}")
    first = library_freshness.library_fingerprint([watched])
    assert len(first) == 64 and int(first, 16) >= 0  # a SHA-256 in hex
    watched.write_text('{"changed": true}')
    changed = library_freshness.library_fingerprint([watched])
    assert changed != first
    watched.write_text("{}")
    assert library_freshness.library_fingerprint([watched]) == first  # contents, not mtimes
    watched.unlink()
    assert library_freshness.library_fingerprint([watched]) not in (first, changed)


def test_a_changed_library_empties_the_execution_cache(tmp_path):
    app = fake_app(tmp_path)
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "global.db").write_text("outputs of an older gru_lib")
    (cache / library_freshness.STAMP_NAME).write_text("fingerprint of an older gru_lib")
    library_freshness.drop_stale_execution_cache(app, app.config)
    assert not (cache / "global.db").exists()
    assert (cache / library_freshness.STAMP_NAME).read_text() == app.library_fingerprint


def test_an_unchanged_library_keeps_the_cache(tmp_path):
    app = fake_app(tmp_path)
    library_freshness.drop_stale_execution_cache(app, app.config)
    (tmp_path / "cache" / "global.db").write_text("fresh outputs")
    library_freshness.drop_stale_execution_cache(app, app.config)
    assert (tmp_path / "cache" / "global.db").read_text() == "fresh outputs"


def test_a_changed_library_marks_every_page_outdated_once(tmp_path):
    app = SimpleNamespace(library_fingerprint="new")
    env = SimpleNamespace(gru_lib_fingerprint="old", found_docs={"intro", "hands-on", "new-page"})
    outdated = library_freshness.outdate_all_pages_on_change(app, env, {"new-page"}, set(), set())
    assert outdated == ["hands-on", "intro"]
    assert library_freshness.outdate_all_pages_on_change(app, env, set(), set(), set()) == []


def test_a_changed_data_file_that_pages_read_empties_the_cache_too(tmp_path):
    results = tmp_path / "latest.json"
    results.write_text('{"clean_seconds": 300}')
    app = fake_app(tmp_path, files=["latest.json"])
    library_freshness.drop_stale_execution_cache(app, app.config)
    (tmp_path / "cache" / "global.db").write_text("pages showing 300 s")
    results.write_text('{"clean_seconds": 200}')
    library_freshness.drop_stale_execution_cache(app, app.config)
    assert not (tmp_path / "cache" / "global.db").exists()
