"""``archivist serve``: the site under its base path, 404s, one rebuild per change, nothing left behind."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from archivist.build import build
from archivist.serve import serve
from archivist.site.write import FAULT_FILE, FAULT_PAUSE


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


SITE_ENTRIES = [".archivist-cache", "build", "content", "site.toml"]


def _tiny_site(folder: Path) -> Path:
    (folder / "site.toml").write_text('title = "Served"\n\n[search]\nenabled = false\n')
    (folder / "content").mkdir()
    for name in "ab":
        (folder / "content" / f"{name}.txt").write_text(
            f"Title {name} one\n20240101\nhttps://www.example.org/{name}\nSome text about Paris.\n")
    return folder


def _edit(path: Path, text: str) -> None:
    """Save as editors do: a hidden temporary file renamed over the article."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text)
    os.replace(tmp, path)


def _wait_for(condition, what: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def _page(site: Path, name: str) -> str:
    try:
        return (site / "build" / "articles" / name / "index.html").read_text()
    except FileNotFoundError:
        return ""


def test_one_edit_is_one_rebuild_and_stopping_leaves_nothing_behind(tmp_path, nlp):
    site = _tiny_site(tmp_path)
    logs: list[str] = []
    stop = threading.Event()
    server = threading.Thread(target=serve, args=(site,), kwargs={"port": _free_port(), "log": logs.append,
                                                                  "stop": stop})
    server.start()
    try:
        _wait_for(lambda: any(line.startswith("serving") for line in logs), "the first build")
        _edit(site / "content" / "a.txt", "Title a two\n20240101\nhttps://www.example.org/a\nSome text.\n")
        _wait_for(lambda: "Title a two" in _page(site, "a"), "the rebuild after the edit")
        # A second edit, served only after every rebuild queued before it: a build that set off
        # another (its own staging folder, its lock, its cache) shows up between the two.
        _edit(site / "content" / "b.txt", "Title b two\n20240101\nhttps://www.example.org/b\nSome text.\n")
        _wait_for(lambda: "Title b two" in _page(site, "b"), "the rebuild after the second edit")
    finally:
        stop.set()
        server.join(timeout=60)
    assert not server.is_alive()
    assert [line for line in logs if line.startswith("changed:")] == [
        "changed: a.txt; rebuilding", "changed: b.txt; rebuilding"], logs
    assert sorted(os.listdir(site)) == sorted([*SITE_ENTRIES, ".build.spare"])  # the output before, to build on
    assert not [t for t in threading.enumerate() if t.name == "archivist-watch"]


def test_serve_stopped_during_a_build_removes_its_staging_folder(tmp_path, nlp):
    site = _tiny_site(tmp_path)
    build(site, progress=False, log=lambda _: None)
    before = {p: p.read_bytes() for p in (site / "build").rglob("*") if p.is_file()}
    (site / "site.toml").write_text('title = "Renamed"\n\n[search]\nenabled = false\n')  # every page changes
    flag = tmp_path.parent / f"{tmp_path.name}-paused"
    env = {**os.environ, FAULT_PAUSE: "writing", FAULT_FILE: str(flag)}
    proc = subprocess.Popen([sys.executable, "-m", "archivist", "serve", "--site", str(site), "--port",
                             str(_free_port())], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        _wait_for(lambda: flag.exists() or proc.poll() is not None, "the build to pause while writing")
        assert any(p.name.startswith(".build.staging-") for p in site.iterdir())
    finally:
        proc.send_signal(signal.SIGTERM)
        output = proc.communicate(timeout=60)[0]
        flag.unlink(missing_ok=True)
    assert proc.returncode == 128 + signal.SIGTERM, output
    assert sorted(os.listdir(site)) == sorted([*SITE_ENTRIES, ".build.spare"])  # the stopped build's, to build on
    assert {p: p.read_bytes() for p in (site / "build").rglob("*") if p.is_file()} == before
