"""The LWN client against a real HTTP server on 127.0.0.1 serving fixture pages. No test reaches the internet."""

import http.server
import threading
import time

import pytest

from conftest import BAD, PROJECT
from pipeline import fetch
from pipeline.tables import read_rows

SEED = (PROJECT / "raw" / "144272.html").read_bytes()
PAYWALL = (BAD / "paywall.html").read_bytes()
INDEX = b"""<html><body><div class="ArticleText">
<p class="IndexPrimary">Networking</p>
<p class="IndexSecondary">Networking/Netfilter</p>
<a href="/Articles/500001/">Something about netfilter</a> (May 1, 2012)<br>
<p class="IndexSecondary">Networking/Networking summits</p>
<a href="/Articles/144272/">Kernel Summit 2005: Report from the networking summit</a> (July 19, 2005)<br>
<a href="/Articles/674943/">Netconf discussions, part 1</a> (February 10, 2016)<br>
<p class="IndexSecondary">Networking/Performance</p>
<a href="/Articles/600002/">Something about speed</a> (June 2, 2014)<br>
</div></body></html>"""


class Handler(http.server.BaseHTTPRequestHandler):
    counts: dict = {}

    def log_message(self, *args):
        pass

    def _send(self, code, body=b"", headers=()):
        self.send_response(code)
        for k, v in headers:
            self.send_header(k, v)
        if not any(k == "Content-Length" for k, _ in headers):
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        n = Handler.counts[self.path] = Handler.counts.get(self.path, 0) + 1
        Handler.agents = getattr(Handler, "agents", []) + [self.headers.get("User-Agent")]
        if self.path == "/Articles/144272/":
            self._send(200, SEED, [("Content-Type", "text/html; charset=utf-8")])
        elif self.path == "/Articles/503503/":
            if n == 1:
                self._send(503, b"busy")
            else:
                self._send(200, SEED.replace(b"144272", b"503503"))
        elif self.path == "/Articles/429429/":
            if n == 1:
                self._send(429, b"slow down", [("Retry-After", "1")])
            else:
                self._send(200, SEED.replace(b"144272", b"429429"))
        elif self.path == "/Articles/777777/":
            time.sleep(2.5)
            self._send(200, SEED)
        elif self.path == "/Articles/888888/":
            self._send(302, b"", [("Location", "http://localhost:1/Articles/888888/")])
        elif self.path == "/Articles/300300/":
            self._send(301, b"", [("Location", "/Articles/144272/")])
        elif self.path == "/Articles/999999/":
            self._send(200, b"<html>" + b"x" * (3 * 1024 * 1024))
        elif self.path == "/Articles/999001/":
            self._send(200, PAYWALL)
        elif self.path == "/Articles/666666/":
            self._send(200, SEED[:4000], [("Content-Length", str(len(SEED)))])
        elif self.path == "/Kernel/Index/":
            self._send(200, INDEX)
        else:
            self._send(404, b"not found")


@pytest.fixture()
def server():
    Handler.counts = {}
    Handler.agents = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def client(base, **kw):
    return fetch.Client(base_url=base, delay=0.0, timeout=kw.pop("timeout", 1.0), retries=kw.pop("retries", 2),
                        max_bytes=kw.pop("max_bytes", 1024 * 1024), **kw)


def test_fetch_add_saves_byte_exact_pages_and_records_them(server, tmp_path, capsys):
    raw = tmp_path / "raw"
    status = fetch.add(["144272", f"{server}/Articles/503503/"], raw, client(server))
    assert status == 0
    assert (raw / "144272.html").read_bytes() == SEED
    rows = {r["article_id"]: r for r in read_rows(raw / "sources.csv")}
    assert rows["144272"]["title"] == "Kernel Summit 2005: Report from the networking summit"
    assert rows["144272"]["sha256"] and rows["144272"]["fetched_at"]
    assert Handler.counts["/Articles/503503/"] == 2          # a 503, then success
    assert all(a.startswith("netsummit/") for a in Handler.agents)
    again = fetch.add(["144272"], raw, client(server))
    assert again == 0 and Handler.counts["/Articles/144272/"] == 1
    assert "already in" in capsys.readouterr().err


def test_fetch_honours_retry_after(server, tmp_path):
    start = time.monotonic()
    assert fetch.add(["429429"], tmp_path, client(server)) == 0
    assert time.monotonic() - start >= 1.0
    assert Handler.counts["/Articles/429429/"] == 2


@pytest.mark.parametrize("article_id, reason", [
    ("404404", "HTTP 404"),
    ("777777", "timed out"),
    ("888888", "refused redirect to another host (localhost)"),
    ("999999", "page too large"),
    ("999001", "not saved: subscriber-only page (free from 2026-12-03)"),
    ("666666", "transfer cut short"),
])
def test_fetch_failures_are_one_line_each_and_nothing_is_saved(server, tmp_path, capsys, article_id, reason):
    status = fetch.add([article_id, "144272"], tmp_path, client(server, retries=1))
    assert status == 1
    err = capsys.readouterr().err
    (line,) = [l for l in err.splitlines() if l.startswith(article_id)]
    assert reason in line
    assert not (tmp_path / f"{article_id}.html").exists()
    assert (tmp_path / "144272.html").exists()              # the other article is still fetched
    assert not list(tmp_path.glob(".*.tmp"))


def test_fetch_same_host_redirect_is_followed(server, tmp_path):
    assert fetch.add(["300300"], tmp_path, client(server)) == 0
    assert (tmp_path / "300300.html").read_bytes() == SEED


@pytest.mark.parametrize("target", [
    "../../etc/passwd", "https://evil.example/Articles/1/", "12/../../x", "/Articles/1/", "1e5", "",
])
def test_fetch_refuses_anything_but_ids_and_urls_of_the_host(server, tmp_path, target):
    assert fetch.add([target], tmp_path / "raw", client(server)) == 1
    assert not any(p.suffix == ".html" for p in tmp_path.rglob("*"))


def test_fetch_no_network_is_a_clear_message(tmp_path, capsys):
    status = fetch.add(["144272"], tmp_path, fetch.Client(base_url="http://127.0.0.1:9", delay=0, timeout=1, retries=0))
    assert status == 1
    assert "cannot reach 127.0.0.1" in capsys.readouterr().err


def test_fetch_missing_downloads_what_sources_list(server, tmp_path):
    (tmp_path / "sources.csv").write_text("article_id,url,title,published\n144272,u,t,2005-07-19\n404404,u,t,\n")
    assert fetch.fetch_missing(tmp_path, client(server)) == 1
    assert (tmp_path / "144272.html").exists() and not (tmp_path / "404404.html").exists()


def test_fetch_an_article_raw_holds_in_any_form_or_folder_is_not_downloaded_again(server, tmp_path, capsys):
    raw = tmp_path / "raw"
    (raw / "2005").mkdir(parents=True)
    (raw / "2005" / "144272_Kernel_Summit_2005_Report_from_the_networking_summit.md").write_bytes(b"---\n")
    (raw / "sources.csv").write_text("article_id,url,title,published\n144272,u,t,2005-07-19\n")
    assert fetch.fetch_missing(raw, client(server)) == 0
    assert fetch.add(["144272"], raw, client(server)) == 0
    assert Handler.counts == {} and not (raw / "144272.html").exists()
    assert "2005/144272_Kernel_Summit_2005_Report_from_the_networking_summit.md" in capsys.readouterr().err
    assert fetch.add(["144272"], raw, client(server), refresh=True) == 0
    assert (raw / "144272.html").read_bytes() == SEED


def test_fetch_a_page_saved_under_its_title_is_recognised_by_what_it_holds(server, tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "Kernel Summit 2005 Report from the networking summit [LWN.net].html").write_bytes(SEED)
    (raw / "notes.html").write_bytes(b"\x00\x01 not a page")
    (raw / "sources.csv").write_text("article_id,url,title,published\n144272,u,t,2005-07-19\n")
    assert fetch.fetch_missing(raw, client(server)) == 0
    assert Handler.counts == {} and not (raw / "144272.html").exists()
    assert fetch.add(["144272"], raw, client(server)) == 0
    assert "[LWN.net].html" in capsys.readouterr().err and Handler.counts == {}


def test_fetch_discover_reads_the_networking_summits_section(server, tmp_path):
    assert fetch.discover(tmp_path, client(server)) == 0
    rows = {r["article_id"]: r for r in read_rows(tmp_path / "sources.csv")}
    assert set(rows) == {"144272", "674943"}
    assert rows["674943"]["published"] == "2016-02-10"


def test_fetch_lwn_delay_is_never_below_one_second():
    assert fetch.Client(base_url="https://lwn.net", delay=0).delay == 1.0
    assert fetch.Client(base_url="http://127.0.0.1:8000", delay=0).delay == 0


def test_fetch_command_line_add_and_environment_base_url(server, tmp_path):
    import os
    import subprocess
    import sys

    raw = tmp_path / "raw"
    result = subprocess.run([sys.executable, "-m", "pipeline", "add", "--base-url", server, "--raw", str(raw),
                             "--delay", "0", "144272", "999001"], capture_output=True, text=True, cwd=PROJECT)
    assert result.returncode == 1
    assert (raw / "144272.html").read_bytes() == SEED
    assert "999001: " in result.stderr and "subscriber-only" in result.stderr and "Traceback" not in result.stderr
    env = dict(os.environ, LWN_BASE_URL=server)
    result = subprocess.run([sys.executable, "-m", "pipeline", "add", "--raw", str(raw), "--refresh", "144272"],
                            capture_output=True, text=True, cwd=PROJECT, env=env)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("markup", [
    b'<p class="IndexEntry">Networking/Networking summits</p>'
    b'<a href="/Articles/144272/">Report</a> (July 19, 2005)<br><p class="IndexEntry">Networking/Performance</p>'
    b'<a href="/Articles/600002/">Other</a> (June 2, 2014)',
    b'<a name="Networking-Networking_summits"></a><p class="IndexSecondary">Networking summits</p>'
    b'<a href="/Articles/144272/">Report</a> (July 19, 2005)<p class="IndexSecondary">Performance</p>'
    b'<a href="https://lwn.net/Articles/600002/">Other</a> (June 2, 2014)',
])
def test_fetch_index_parser_tolerates_markup_variants(markup):
    entries = fetch.index_entries(("<html><body>" + markup.decode() + "</body></html>"))
    assert entries == [{"article_id": "144272", "title": "Report", "published": "2005-07-19"}]
