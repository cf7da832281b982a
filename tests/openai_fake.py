"""A small OpenAI-compatible chat server for offline tests, run as its own process (or on a thread) on 127.0.0.1.

    python -m tests.openai_fake --port 0      # prints "listening on 127.0.0.1:PORT", serves until killed

The model name of each request picks the behaviour, so one server covers every scenario:

    good         cites passage [1] by quoting it
    good-slow    two sentences quoting passage [1], streamed in 8 pieces 0.15 s apart
    uncited      quotes passage [1] without a citation
    cite-9       quotes passage [1] but cites [9]
    hallucinate  an invented, unsupported claim citing [1]
    refuse       the prompt's refusal phrase
    hang         accepts the request and never answers
    trickle      sends a first piece, then nothing (headers sent, body never ends)
    http-500, http-429
    garbage      200 with a body that is not JSON
    text:<...>   answers exactly the text after "text:"

Every request is recorded: GET /requests returns them as a JSON list, DELETE /requests clears them.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Self

SLOW_PIECES = 8
SLOW_DELAY_S = 0.15
HALLUCINATION = "质监干部每年享有十五天带薪年假，并可申请公费出国进修三个月[1]。"
REFUSAL = "资料中没有足够信息回答这个问题。"
_PASSAGE_ONE = re.compile(r"\[1\] 《[^》]*》第\d+段[^\n]*\n(.+)")


class Recorder:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.requests: list[dict] = []

    def add(self, body: dict) -> None:
        with self._lock:
            self.requests.append(body)

    def snapshot(self) -> list[dict]:
        with self._lock:
            return list(self.requests)

    def clear(self) -> None:
        with self._lock:
            self.requests.clear()


RECORDER = Recorder()


def first_passage(body: dict) -> str:
    """The text of passage [1] in the user message."""
    user = next((m["content"] for m in body.get("messages", []) if m.get("role") == "user"), "")
    found = _PASSAGE_ONE.search(user)
    return found.group(1).strip() if found else ""


def reply_text(model: str, body: dict) -> str:
    passage = first_passage(body).rstrip("。")
    if model.startswith("text:"):
        return model[len("text:") :]
    return {
        "good": f"根据资料，{passage}[1]。",
        "good-slow": f"根据资料，{passage}[1]。{passage}[1]。",
        "uncited": f"根据资料，{passage}。",
        "cite-9": f"根据资料，{passage}[9]。",
        "hallucinate": HALLUCINATION,
        "refuse": REFUSAL,
    }.get(model, f"根据资料，{passage}[1]。")


def pieces(text: str, size: int) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        if self.path.rstrip("/") == "/requests":
            self._json(200, RECORDER.snapshot())
        else:
            self._json(404, {"error": {"message": "not found"}})

    def do_DELETE(self) -> None:
        RECORDER.clear()
        self._json(200, {"cleared": True})

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        body = json.loads(self.rfile.read(length) or b"{}")
        RECORDER.add({"path": self.path, "authorization": self.headers.get("Authorization", ""), **body})
        if not self.path.rstrip("/").endswith("/chat/completions"):
            self._json(404, {"error": {"message": "not found"}})
            return
        model = str(body.get("model", ""))
        if model == "hang":
            time.sleep(120)
            return
        if model.startswith("http-"):
            status = int(model.removeprefix("http-"))
            self._json(status, {"error": {"message": f"fake error {status}", "type": "server_error", "code": status}})
            return
        if model == "garbage":
            self._raw(200, b"<html>this is not json</html>", "application/json")
            return
        text = reply_text(model, body)
        if not body.get("stream"):
            self._json(200, completion(model, text))
            return
        self._stream(model, text)

    def _stream(self, model: str, text: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Connection", "close")
        self.end_headers()
        delay = SLOW_DELAY_S if model == "good-slow" else 0.0
        chunks = pieces(text, -(-len(text) // SLOW_PIECES) if delay else 16)
        if model == "trickle":
            self._event(chunk(model, chunks[0]))
            time.sleep(120)
            return
        for piece in chunks:
            self._event(chunk(model, piece))
            time.sleep(delay)
        self._event(chunk(model, "", finish="stop"))
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()
        self.close_connection = True

    def _event(self, payload: dict) -> None:
        self.wfile.write(b"data: " + json.dumps(payload, ensure_ascii=False).encode() + b"\n\n")
        self.wfile.flush()

    def _json(self, status: int, payload: object) -> None:
        self._raw(status, json.dumps(payload, ensure_ascii=False).encode(), "application/json")

    def _raw(self, status: int, data: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        self.wfile.flush()


def completion(model: str, text: str) -> dict:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
    }


def chunk(model: str, text: str, finish: str | None = None) -> dict:
    delta = {"role": "assistant", "content": text} if text else {}
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }


class FakeOpenAIProcess:
    """Runs this module as a separate process and talks to it over HTTP, for pytest fixtures."""

    def __enter__(self) -> Self:
        self._process = subprocess.Popen(
            [sys.executable, "-m", "tests.openai_fake", "--port", "0"],
            stdout=subprocess.PIPE,
            text=True,
            cwd=Path(__file__).resolve().parent.parent,
        )
        line = self._process.stdout.readline() if self._process.stdout else ""
        if not line.startswith("listening on "):
            self._process.kill()
            raise RuntimeError(f"fake OpenAI server did not start: {line!r}")
        self.port = int(line.rsplit(":", 1)[1])
        self.base_url = f"http://127.0.0.1:{self.port}/v1"
        return self

    def __exit__(self, *exc: object) -> None:
        self._process.terminate()
        try:
            self._process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        if self._process.stdout:
            self._process.stdout.close()

    def requests(self) -> list[dict]:
        """Every chat request received since the last `clear`."""
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/requests", timeout=5) as response:
            return json.loads(response.read())

    def clear(self) -> None:
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}/requests", method="DELETE")
        urllib.request.urlopen(request, timeout=5).close()


class FakeOpenAIThread(FakeOpenAIProcess):
    """The same server on a thread of the test process: no process to start, for the fast tier."""

    def __enter__(self) -> Self:
        RECORDER.clear()  # the log is this module's: a new server starts with none of an earlier one's requests
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        self.port = self._server.server_address[1]
        self.base_url = f"http://127.0.0.1:{self.port}/v1"
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    print(f"listening on 127.0.0.1:{server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        sys.stdout.flush()


if __name__ == "__main__":
    main()
