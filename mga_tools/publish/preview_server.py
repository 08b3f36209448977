"""The HTTP side of ``mga serve``: the last good site, the current error, and only to the expected hosts.

:class:`PreviewServer` serves the files of a built site folder that the
caller swaps in after each successful build (:meth:`PreviewServer.show`).
Every HTML page gets a small script that reloads it when the site or the
error changes, and, while the last regeneration failed, a banner with the
error above the last good content (:meth:`PreviewServer.fail`).

The preview shows drafts, so it answers only requests whose ``Host`` header
names the machine itself (``localhost``, ``127.0.0.1``, ``[::1]``, the bound
address) or a name the user allowed: a web page whose own name has been
made to resolve to 127.0.0.1 (DNS rebinding) would otherwise read the
drafts from the user's browser. Other hosts get 421 Misdirected Request.
"""

from __future__ import annotations

import html
import mimetypes
import threading
from collections.abc import Iterable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

LOOPBACK = ("localhost", "127.0.0.1", "::1")
EPOCH_PATH = "/.mga-preview/epoch"  # what the reload script polls

_RELOAD = """<script>
(function () {
  var seen = "%s";
  function poll() {
    fetch("%s", {cache: "no-store"}).then(function (r) { return r.text(); }).then(function (now) {
      if (now !== seen) { location.reload(); } else { setTimeout(poll, 1000); }
    }, function () { setTimeout(poll, 2000); });
  }
  setTimeout(poll, 1000);
})();
</script>"""

_BANNER = (
    '<div id="mga-preview-error" role="alert" style="position:relative;z-index:10;background:#b00020;'
    'color:#fff;padding:.8em 1.2em;font:14px/1.4 sans-serif"><strong>mga serve: the last change could not '
    "be shown; this is the last good version of the site.</strong>"
    '<pre style="white-space:pre-wrap;margin:.5em 0 0;color:#fff;background:none">%s</pre></div>'
)


def host_name(header: str) -> str:
    """The host part of a ``Host`` header, lower-case, without port or IPv6 brackets."""
    value = header.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def allowed_hosts(bound: str, extra: Iterable[str] = ()) -> frozenset[str]:
    """The names the preview answers to: loopback, the bound address, and ``extra`` (as given to ``--host``)."""
    names = {*LOOPBACK, bound.strip("[]").lower()}
    names.update(host_name(name) for name in extra)
    names.discard("")  # a request without a Host header is never answered
    return frozenset(names)


class PreviewServer(ThreadingHTTPServer):
    """Serves ``site`` (swapped by :meth:`show`) with a reload script and, after a failure, an error banner."""

    daemon_threads = True  # a browser's open connection must not keep the preview from stopping

    def __init__(self, address: tuple[str, int], hosts: frozenset[str]) -> None:
        self.hosts = hosts
        self.site: Path | None = None
        self.error: str | None = None
        self.epoch = 0
        self._lock = threading.Lock()
        super().__init__(address, _Handler)

    def show(self, site: Path) -> None:
        """Serve ``site`` from now on, without an error banner."""
        with self._lock:
            self.site, self.error = site, None
            self.epoch += 1

    def fail(self, message: str) -> None:
        """Keep the current site, with ``message`` in a banner on every page."""
        with self._lock:
            if self.error != message:
                self.error = message
                self.epoch += 1

    def state(self) -> tuple[Path | None, str | None, int]:
        with self._lock:
            return self.site, self.error, self.epoch


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer

    def log_message(self, format: str, *args: object) -> None:
        pass  # one line per request would bury the regeneration messages

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def do_GET(self) -> None:
        self._answer(body=True)

    def _answer(self, body: bool) -> None:
        if host_name(self.headers.get("Host", "")) not in self.server.hosts:
            text = b"mga serve: this host name is not allowed; start the preview with --host NAME to allow it\n"
            self._send(HTTPStatus.MISDIRECTED_REQUEST, "text/plain; charset=utf-8", text, body)
            return
        site, error, epoch = self.server.state()
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path == EPOCH_PATH:
            self._send(HTTPStatus.OK, "text/plain; charset=utf-8", str(epoch).encode(), body)
            return
        status, file = HTTPStatus.OK, _find(site, path) if site is not None else None
        if file is None:
            status, file = HTTPStatus.NOT_FOUND, _find(site, "/404.html") if site is not None else None
        if file is None:
            self._send(status, "text/html; charset=utf-8", _page(b"<h1>Not found</h1>", error, epoch), body)
            return
        try:
            data = file.read_bytes()
        except OSError:  # swapped away between finding and reading: the next request sees the new site
            self._send(HTTPStatus.SERVICE_UNAVAILABLE, "text/plain; charset=utf-8", b"retry\n", body)
            return
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if kind == "text/html":
            data = _page(data, error, epoch)
            kind = "text/html; charset=utf-8"
        self._send(status, kind, data, body)

    def _send(self, status: HTTPStatus, kind: str, data: bytes, body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")  # a reload must show the new build
        self.end_headers()
        if body:
            self.wfile.write(data)


def _find(site: Path, path: str) -> Path | None:
    """The file of ``site`` that answers URL ``path``, never one outside it."""
    relative = unquote(path).lstrip("/")
    root = site.resolve()
    candidate = (root / relative).resolve()
    if candidate != root and root not in candidate.parents:
        return None
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def _page(data: bytes, error: str | None, epoch: int) -> bytes:
    """``data`` (HTML) with the reload script and, if ``error``, the banner after ``<body>``."""
    text = data.decode("utf-8", errors="replace")
    if error is not None:
        banner = _BANNER % html.escape(error)
        start = text.find("<body")
        end = text.find(">", start) + 1 if start >= 0 else 0
        text = text[:end] + banner + text[end:]
    script = _RELOAD % (epoch, EPOCH_PATH)
    at = text.rfind("</body>")
    text = text[:at] + script + text[at:] if at >= 0 else text + script
    return text.encode("utf-8")
