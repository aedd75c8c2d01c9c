"""A hostile HTTP server for the retry helpers' end-to-end scenarios (issue 12 "Tests").

Listens on 127.0.0.1 only, on a free port it prints as the first line of stdout, and stops by
itself: when its stdin closes (the test that started it ended) or after ``--lifetime`` seconds.
Standard library only, so every suite (Python, Node, the browser build) starts the same file.

Each request's path is ``/<behaviour>/<run>``: the behaviour says what the server does, the run
token (any text) keeps the counts of one test apart from another's. ``GET /count/<run>`` answers
``{"requests": n, "keys": [...], "payloads": [...]}`` for that run (preflight ``OPTIONS`` is
answered for browsers and never counted).

Behaviours:
  hang             reads the request and never answers (holds the socket until the client goes)
  reset            503 with a Content-Length of 100, sends 10 bytes, then resets the connection
  503              503 forever
  retry-after-days 503 with ``Retry-After: 172800`` (two days)
  retry-after-past 429 with ``Retry-After`` an HTTP date in 2015
  401-until-fresh  401 (Bearer, invalid_token) unless ``Authorization: Bearer fresh``, then 200
  drop             reads the request (and its body), then resets without a byte of response
  503-once         503 on the run's first request, 200 after
  big-400          400 with a 100,000-byte JSON body (more than the core's 64 KiB prefix)
"""

from __future__ import annotations

import argparse
import json
import socket
import socketserver
import struct
import sys
import threading
from http.server import BaseHTTPRequestHandler

COUNTS: dict[str, dict[str, list[object]]] = {}
LOCK = threading.Lock()

# Every response closes its connection: a browser resends a request by itself when a reused
# keep-alive connection is reset before any response (Chromium's HttpNetworkTransaction does, a
# POST included: it counted 3 requests for the `drop` scenario's one attempt), and the counts
# here are to measure what errtriage sends, not what the browser's network stack adds.
CORS = [
    ("Connection", "close"),
    ("Access-Control-Allow-Origin", "*"),
    # Not "*": a wildcard does not cover Authorization (WHATWG Fetch, CORS protocol).
    ("Access-Control-Allow-Headers", "authorization, idempotency-key, content-type"),
    ("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS"),
    ("Access-Control-Expose-Headers", "*"),
]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def _send(self, status: int, body: bytes = b"", headers: list[tuple[str, str]] | None = None) -> None:
        self.send_response(status)
        for name, value in CORS + (headers or []):
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.close_connection = True

    def _reset(self) -> None:
        """Closes the connection with a TCP reset (SO_LINGER 0)."""
        self.wfile.flush()
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    def do_OPTIONS(self) -> None:
        self._send(204)

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def do_PUT(self) -> None:
        self._handle()

    def _handle(self) -> None:
        parts = self.path.split("?")[0].strip("/").split("/")
        behaviour, run = parts[0], "/".join(parts[1:])
        length = int(self.headers.get("Content-Length") or 0)
        payload = self.rfile.read(length) if length else b""
        if behaviour == "count":
            with LOCK:
                seen = COUNTS.get(run, {"keys": [], "payloads": []})
                body = {"requests": len(seen["keys"]), "keys": seen["keys"], "payloads": seen["payloads"]}
            self._send(200, json.dumps(body).encode(), [("Content-Type", "application/json")])
            return
        with LOCK:
            seen = COUNTS.setdefault(run, {"keys": [], "payloads": []})
            seen["keys"].append(self.headers.get("Idempotency-Key"))
            seen["payloads"].append(payload.decode("utf-8", "replace"))
            n = len(seen["keys"])
        if behaviour == "hang":
            try:
                self.connection.settimeout(30)
                self.connection.recv(1)  # until the client gives up and closes
            except OSError:
                pass
            self.close_connection = True
        elif behaviour == "reset":
            self.send_response(503)
            for name, value in CORS:
                self.send_header(name, value)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "100")
            self.end_headers()
            self.wfile.write(b'{"error":')
            self._reset()
        elif behaviour == "503":
            self._send(503, b'{"error": "unavailable"}', [("Content-Type", "application/json")])
        elif behaviour == "retry-after-days":
            self._send(503, b"", [("Retry-After", "172800")])
        elif behaviour == "retry-after-past":
            self._send(429, b"", [("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT")])
        elif behaviour == "401-until-fresh":
            if self.headers.get("Authorization") == "Bearer fresh":
                self._send(200, b'{"ok": true}', [("Content-Type", "application/json")])
            else:
                self._send(
                    401,
                    b'{"error": {"code": "UNAUTHORIZED", "message": "Bearer token has expired"}}',
                    [("Content-Type", "application/json"), ("WWW-Authenticate", 'Bearer error="invalid_token"')],
                )
        elif behaviour == "drop":
            self._reset()
        elif behaviour == "503-once":
            if n == 1:
                self._send(503, b"", [("Content-Type", "application/json")])
            else:
                self._send(201, b'{"id": "msg_1"}', [("Content-Type", "application/json")])
        elif behaviour == "big-400":
            filler = "x" * (100_000 - 80)
            body = ('{"error": {"code": "INVALID_REQUEST", "message": "bad", "pad": "' + filler + '"}}').encode()
            body = body + b" " * (100_000 - len(body))
            self._send(400, body, [("Content-Type", "application/json")])
        else:
            self._send(404, b"no such behaviour")


class Server(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    allow_reuse_address = True


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lifetime", type=float, default=300.0)
    args = parser.parse_args()
    server = Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(server.server_address[1], flush=True)
    stop = threading.Event()

    def watch_stdin() -> None:
        sys.stdin.read()  # returns when the parent closes our stdin (or exits)
        stop.set()

    threading.Thread(target=watch_stdin, daemon=True).start()
    stop.wait(args.lifetime)
    server.shutdown()


if __name__ == "__main__":
    main()
