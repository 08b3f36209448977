"""The preview's HTTP side: only the expected host names, the last good site, the error banner."""

from __future__ import annotations

import http.client
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from mga_tools.publish.preview_server import EPOCH_PATH, PreviewServer, allowed_hosts, host_name


@pytest.fixture
def server(tmp_path: Path) -> Iterator[PreviewServer]:
    site = tmp_path / "site"
    (site / "page").mkdir(parents=True)
    (site / "index.html").write_text("<html><body><h1>Home</h1></body></html>", encoding="utf-8")
    (site / "page" / "index.html").write_text("<html><body class=x><p>Page</p></body></html>", encoding="utf-8")
    (site / "404.html").write_text("<html><body>Missing</body></html>", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("not in the site", encoding="utf-8")
    preview = PreviewServer(("127.0.0.1", 0), allowed_hosts("127.0.0.1", ["preview.lan"]))
    preview.show(site)
    # A short poll interval: shutting the server down at the end of each test waits for one poll.
    thread = threading.Thread(target=preview.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield preview
    preview.shutdown()
    preview.server_close()


def _get(server: PreviewServer, path: str, host: str | None) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=10)
    try:
        # skip_host: the Host header is exactly the one under test (or none at all).
        connection.putrequest("GET", path, skip_host=True)
        if host is not None:
            connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8")
    finally:
        connection.close()


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example", "", None])
def test_other_host_names_are_refused(server: PreviewServer, host: str | None) -> None:
    status, body = _get(server, "/", host)
    assert status == 421
    assert "Home" not in body
    assert "--host" in body


@pytest.mark.parametrize(
    "host", ["localhost", "LOCALHOST:8000", "127.0.0.1", "127.0.0.1:8000", "[::1]", "[::1]:8000", "preview.lan:80"]
)
def test_loopback_and_allowed_names_are_served(server: PreviewServer, host: str) -> None:
    status, body = _get(server, "/", host)
    assert status == 200
    assert "<h1>Home</h1>" in body
    assert EPOCH_PATH in body  # the reload script


def test_allowed_hosts_take_the_bound_address_and_extra_names() -> None:
    hosts = allowed_hosts("0.0.0.0", ["Preview.LAN", "192.168.1.20:8000", ""])
    assert {"localhost", "127.0.0.1", "::1", "0.0.0.0", "preview.lan", "192.168.1.20"} <= hosts
    assert "" not in hosts
    assert host_name("[::1]:8000") == "::1"
    assert host_name("example.org:80") == "example.org"


def test_pages_folders_and_missing_files(server: PreviewServer) -> None:
    assert _get(server, "/page/", "localhost")[1].count("<p>Page</p>") == 1
    status, body = _get(server, "/nowhere/", "localhost")
    assert (status, "Missing" in body) == (404, True)
    assert _get(server, "/../secret.txt", "localhost")[0] == 404
    assert _get(server, "/%2e%2e/secret.txt", "localhost")[0] == 404


def test_an_error_is_shown_on_the_last_good_pages_until_a_new_site(server: PreviewServer, tmp_path: Path) -> None:
    before = _get(server, EPOCH_PATH, "localhost")[1]
    server.fail("agreements/a.yaml:3:1: error SCHEMA <b>bad</b>")
    assert _get(server, EPOCH_PATH, "localhost")[1] != before  # open pages reload and show it
    body = _get(server, "/page/", "localhost")[1]
    assert 'id="mga-preview-error"' in body
    assert "&lt;b&gt;bad&lt;/b&gt;" in body  # shown as text
    assert body.index("<body class=x>") < body.index("mga-preview-error") < body.index("<p>Page</p>")
    server.show(tmp_path / "site")
    assert "mga-preview-error" not in _get(server, "/page/", "localhost")[1]
