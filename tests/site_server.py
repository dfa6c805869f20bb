"""Serve a built site on 127.0.0.1 under a sub-path, the way GitHub Pages serves a project site."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SUBPATH = "/gru-book/"


class _SubPathHandler(SimpleHTTPRequestHandler):
    """Answer only under SUBPATH, as Pages does for https://<owner>.github.io/<repository>/."""

    def translate_path(self, path: str) -> str:
        if not path.startswith(SUBPATH):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + path[len(SUBPATH) :])

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        pass  # keep the test output clean


@contextmanager
def serve(html: Path) -> Iterator[str]:
    """Serve ``html`` and yield the site's base URL, ending in SUBPATH."""
    handler = functools.partial(_SubPathHandler, directory=str(html))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{SUBPATH}"
    finally:
        server.shutdown()
        server.server_close()
