"""``archivist serve``: the site under its base path, 404s, and rebuilds when content changes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def test_serve_builds_serves_under_the_base_path_and_rebuilds_on_change(tmp_path, nlp):
    (tmp_path / "site.toml").write_text('title = "Served"\nbase_url = "https://someone.github.io/archive/"\n')
    (tmp_path / "content").mkdir()
    article = tmp_path / "content" / "a.txt"
    article.write_text("First title\n20240101\nhttps://www.example.org/a\nSome text about Paris.\n")
    port = _free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "archivist", "serve", "--site", str(tmp_path), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    try:
        base = f"http://127.0.0.1:{port}/archive/"
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                status, body = _get(base + "articles/a/")
                if status == 200:
                    break
            except OSError:
                pass
            time.sleep(0.5)
        assert status == 200 and "First title" in body
        assert _get(base + "no/such/page/")[0] == 404
        article.write_text("Second title\n20240101\nhttps://www.example.org/a\nSome text about Paris.\n")
        deadline = time.time() + 120
        while time.time() < deadline and "Second title" not in _get(base + "articles/a/")[1]:
            time.sleep(0.5)
        assert "Second title" in _get(base + "articles/a/")[1]
    finally:
        proc.terminate()
        proc.wait(timeout=20)
