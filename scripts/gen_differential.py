#!/usr/bin/env python3
"""Hostile JSON-form inputs for the differential test (issue 11 §7), one per line (NDJSON).

    python3 scripts/gen_differential.py OUT [--seed N] [--count N]

Deterministic for a seed: mutations of the inputs in tests/vectors/*.json (each case's `input`,
and the `input_text` of tests/vectors/errors/invalid_inputs.json): truncated and byte-flipped
bodies, odd headers and Retry-After values, unicode edges, huge numbers, deep nesting, every
status 100-599, transports, lifecycle events, request contexts, and some lines that are not
valid JSON form at all. Every runner (scripts/differential.sh) answers each line with
`classify_json(line)` or the error, and the four answers must be identical byte for byte.

Each line is valid UTF-8 with no raw line break in it (U+2028 and the like are kept: JSON Lines
splits on \\n only), so every language reads the same lines.
"""

import argparse
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VECTORS = ROOT / "tests" / "vectors"

KINDS = ["dns", "connect", "tls", "timeout", "reset", "other", "meteor", "", "TIMEOUT"]
METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "get", "a b", "", "PO\u00e9ST"]
AUTHS = ["bearer", "basic", "api_key", "none", "oauth", ""]
EVENTS = ["message.failed", "payment_intent.payment_failed", "job.failed", "", "x" * 300]
UNICODE = [
    "\\ud800",  # lone high surrogate (escaped)
    "\\udc00",  # lone low surrogate
    "\\ud83d\\ude00",  # a pair, escaped
    "\u2028",
    "\u2029",
    "\\u0000",
    "\\u2028",
    "\U0001f4a5",
    "\ufeff",
    "\u200b",
    "e\u0301",
    "\\\\",
    '\\"',
]
HUGE = [
    "1e400",
    "-1e400",
    "18446744073709551616",
    "18446744073709551615",
    "9007199254740993",
    "-0",
    "0.0000000000000000000000001",
    "1E+2",
    "123456789012345678901234567890",
    "4294967296",
    "65536",
    "2.5",
    "-1",
]
RETRY_AFTER = [
    "0",
    "1",
    "-1",
    "1.5",
    "120",
    "86400",
    "86401",
    "99999999999999999999",
    "1e3",
    " 30 ",
    "",
    "abc",
    "Wed, 21 Oct 2015 07:28:00 GMT",
    "Fri, 31 Dec 9999 23:59:59 GMT",
    "Thu, 01 Jan 1970 00:00:00 GMT",
    "Sunday, 06-Nov-94 08:49:37 GMT",
    "Sun Nov  6 08:49:37 1994",
    "Mon, 32 Foo 2024 25:61:61 GMT",
    "0x10",
    "+5",
]
HEADER_NAMES = [
    "Retry-After",
    "retry-after-ms",
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
    "RateLimit",
    "RateLimit-Policy",
    "WWW-Authenticate",
    "Content-Type",
    "x-request-id",
    "X-Amzn-ErrorType",
    "",
    "bad header",
    "X-\u00e9",
]
HEADER_VALUES = [
    "0",
    "1",
    "application/json",
    "text/html; charset=utf-8",
    'Bearer error="invalid_token"',
    "Basic realm=x",
    "limit=10, remaining=0, reset=5",
    "x" * 5000,
    "\u0000",
    "\u2028",
    "a\tb",
]
NOWS = [0, 1, -1, 1445412480000, 253402300799000, 1.5, "now", None, 18446744073709551616]
ATTEMPTS = [1, 2, 5, 0, -1, 4294967296, 1.5, "1", None, True]


def load_inputs():
    """Every vector input as its JSON text, and every invalid-input case's text."""
    texts = []
    for path in sorted(VECTORS.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        for case in doc.get("cases", []):
            if "input" in case:
                texts.append(json.dumps(case["input"], ensure_ascii=False))
    errors = json.loads((VECTORS / "errors" / "invalid_inputs.json").read_text(encoding="utf-8"))
    for case in errors["cases"]:
        texts.append(case["input_text"])
    return texts


def dumps(value):
    return json.dumps(value, ensure_ascii=False)


class Gen:
    def __init__(self, seed, inputs):
        self.r = random.Random(seed)
        self.inputs = inputs
        self.objects = []
        for text in inputs:
            try:
                value = json.loads(text)
            except ValueError:
                continue
            if isinstance(value, dict):
                self.objects.append(value)

    def pick(self, seq):
        return self.r.choice(seq)

    def base(self):
        return json.loads(json.dumps(self.pick(self.objects)))

    # -- mutations of the body -------------------------------------------------------------

    def body_text(self, obj):
        body = obj.get("body")
        return body if isinstance(body, str) else '{"error": {"code": "X", "message": "m"}}'

    def m_truncate_body(self):
        obj = self.base()
        body = self.body_text(obj)
        obj["body"] = body[: self.r.randrange(0, len(body) + 1)]
        obj.setdefault("status", self.r.randrange(400, 600))
        return dumps(obj)

    def m_flip_body(self):
        obj = self.base()
        body = list(self.body_text(obj))
        for _ in range(self.r.randrange(1, 4)):
            if body:
                i = self.r.randrange(len(body))
                c = ord(body[i]) ^ (1 << self.r.randrange(7))
                # stay away from surrogates (not UTF-8) and raw line breaks
                body[i] = " " if c in (10, 13) or 0xD800 <= c <= 0xDFFF else chr(c)
        obj["body"] = "".join(body)
        obj.setdefault("status", self.r.randrange(400, 600))
        return dumps(obj)

    def m_body_base64(self):
        import base64

        obj = self.base()
        raw = bytes(self.r.randrange(256) for _ in range(self.r.randrange(0, 40)))
        if self.r.random() < 0.5:
            raw = self.body_text(obj).encode("utf-8")[: self.r.randrange(0, 200)] + raw
        obj.pop("body", None)
        obj["body_base64"] = base64.b64encode(raw).decode("ascii")
        if self.r.random() < 0.1:
            obj["body_base64"] += self.pick(["=", "!", "A", "==="])
        obj.setdefault("status", self.r.randrange(400, 600))
        return dumps(obj)

    # -- headers ----------------------------------------------------------------------------

    def m_headers(self):
        obj = self.base()
        if "status" not in obj:
            obj["status"] = self.pick([429, 503, 401, 413, 500])
        pairs = []
        for _ in range(self.r.randrange(1, 5)):
            name = self.pick(HEADER_NAMES)
            if name.lower() in ("retry-after", "retry-after-ms", "x-ratelimit-reset"):
                value = self.pick(RETRY_AFTER)
            else:
                value = self.pick(HEADER_VALUES + RETRY_AFTER)
            pairs.append([name, value])
        form = self.r.randrange(4)
        if form == 0:
            obj["headers"] = {n: v for n, v in pairs}
        elif form == 1:
            obj["headers"] = pairs
        elif form == 2:
            obj["headers"] = {pairs[0][0]: [v for _, v in pairs]}
        else:
            obj["headers"] = self.pick([[["a"]], {"a": 1}, [1], "x", {"a": None}, [["a", "b", "c"]]])
        return dumps(obj)

    def m_retry_after(self):
        status = self.pick([429, 503, 413, 500, 502, 301, 200])
        obj = {"status": status, "headers": {"Retry-After": self.pick(RETRY_AFTER)}}
        if self.r.random() < 0.5:
            obj["now"] = self.pick([1445412480000, 0, 253402300799000])
        if self.r.random() < 0.3:
            obj["body"] = dumps({"error": {"retry_after": self.pick([1, -1, 1.5, 1e300, "5s", "PT1M"])}})
        return dumps(obj)

    # -- unicode and numbers, inserted as text ------------------------------------------------

    def m_unicode(self):
        obj = self.base()
        text = dumps(obj)
        # Insert the fragment inside some string literal: just after an opening quote.
        quotes = [i for i, c in enumerate(text) if c == '"' and (i == 0 or text[i - 1] != "\\")]
        if not quotes:
            return text
        i = self.pick(quotes) + 1
        return text[:i] + self.pick(UNICODE) + text[i:]

    def m_huge_number(self):
        number = self.pick(HUGE)
        where = self.r.randrange(5)
        templates = [
            '{"status": N}',
            '{"status": 500, "body": "{\\"error\\": {\\"code\\": N, \\"details\\": {\\"n\\": N}}}"}',
            '{"status": 429, "request": {"attempt": N}}',
            '{"status": 503, "now": N, "headers": {"Retry-After": "5"}}',
            '{"status": 429, "body": "{\\"retry_after\\": N}"}',
        ]
        return templates[where].replace("N", number)

    def m_deep(self):
        depth = self.pick([10, 100, 127, 128, 129, 255, 256, 257, 1000, 5000])
        kind = self.r.randrange(3)
        if kind == 0:
            body = '{"error":' * depth + '"x"' + "}" * depth
            return dumps({"status": 502, "body": body})
        if kind == 1:
            body = "[" * depth + "]" * depth
            return dumps({"status": 500, "body": '{"error": {"details": ' + body + "}}"})
        # nesting in the JSON form itself
        return '{"status": 500, "request": ' + "[" * depth + "]" * depth + "}"

    def m_status(self):
        status = self.r.randrange(100, 600)
        obj = {"status": status}
        if self.r.random() < 0.5:
            src = self.base()
            for key in ("body", "headers", "request"):
                if key in src:
                    obj[key] = src[key]
        return dumps(obj)

    def m_status_edge(self):
        return dumps({"status": self.pick([99, 600, 0, -1, 1000, 65536, None, "500", 500.0, True, []])})

    def m_transport(self):
        transport = {"kind": self.pick(KINDS)}
        sent = self.pick([True, False, None, "yes", 0, "absent"])
        if sent != "absent":
            transport["sent"] = sent
        if self.r.random() < 0.5:
            transport["detail"] = self.pick(
                ["ECONNRESET", "getaddrinfo ENOTFOUND x", "", "x" * 10000, 5, "\u2028", "socket hang up"]
            )
        if self.r.random() < 0.05:
            transport["extra"] = 1
        obj = {"transport": transport}
        if self.r.random() < 0.3:
            obj["status"] = self.r.randrange(100, 600)
            obj["body"] = '{"error": {"code": "PARTIAL"'
        if self.r.random() < 0.6:
            obj["request"] = self.request()
        return dumps(obj)

    def m_lifecycle(self):
        obj = {"lifecycle": {"event": self.pick(EVENTS)}}
        if self.r.random() < 0.1:
            obj["lifecycle"] = self.pick([{}, {"event": 5}, {"event": "e", "x": 1}, "message.failed", None])
        src = self.base()
        if "body" in src:
            obj["body"] = src["body"]
        if self.r.random() < 0.2:
            obj["status"] = self.r.randrange(100, 600)
        if self.r.random() < 0.5:
            obj["request"] = self.request()
        return dumps(obj)

    def request(self):
        req = {}
        for key, values in (
            ("method", METHODS),
            ("endpoint", ["/v1/charges", "https://u:p@api.example/x?api_key=k", "", "\u2028", 5]),
            ("idempotency_key", ["k1", "", "x" * 300, None, 5]),
            ("token_fresh", [True, False, None, "true"]),
            ("auth", AUTHS),
            ("attempt", ATTEMPTS),
        ):
            if self.r.random() < 0.4:
                value = self.pick(values)
                if value is not None or self.r.random() < 0.5:
                    req[key] = value
        if self.r.random() < 0.03:
            req["unknown"] = 1
        return req

    def m_context(self):
        obj = self.base()
        obj["request"] = self.request()
        if self.r.random() < 0.2:
            obj["now"] = self.pick(NOWS)
        if self.r.random() < 0.03:
            obj["request"] = self.pick([None, [], "POST", 5])
        return dumps(obj)

    # -- the JSON form itself broken -------------------------------------------------------------

    def m_invalid(self):
        text = self.pick(self.inputs)
        choice = self.r.randrange(8)
        if choice == 0 and text:
            return text[: self.r.randrange(0, len(text))]
        if choice == 1:
            return text + self.pick([" x", ",", "}", " {}", "\u0000"])
        if choice == 2:
            return self.pick(["", " ", "\t", "null", "[]", "5", '"x"', "true", "{", "}", "\ufeff{}"])
        if choice == 3:
            return text.replace('"', "'", 1)
        if choice == 4:
            return '{"status": 500, "status": 502}'
        if choice == 5:
            return '{"status": 500, "' + self.pick(["bogus", "Status", "", "headers "]) + '": 1}'
        if choice == 6:
            return '{"status": 500, "body": "' + self.pick(["\\x41", "\\u12", "\\uZZZZ", "\t", "\\"]) + '"}'
        return self.pick(self.inputs)

    def m_vector(self):
        return self.pick(self.inputs)

    def line(self):
        mutations = [
            (self.m_vector, 4),
            (self.m_truncate_body, 8),
            (self.m_flip_body, 8),
            (self.m_body_base64, 4),
            (self.m_headers, 10),
            (self.m_retry_after, 8),
            (self.m_unicode, 8),
            (self.m_huge_number, 6),
            (self.m_deep, 3),
            (self.m_status, 10),
            (self.m_status_edge, 2),
            (self.m_transport, 8),
            (self.m_lifecycle, 5),
            (self.m_context, 8),
            (self.m_invalid, 8),
        ]
        funcs, weights = zip(*mutations)
        text = self.r.choices(funcs, weights)[0]()
        # One line each: a raw line break would split it (JSON Lines splits on \n alone).
        return text.replace("\r", "\\r").replace("\n", "\\n")


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--count", type=int, default=3000)
    args = parser.parse_args()
    gen = Gen(args.seed, load_inputs())
    lines = [gen.line() for _ in range(args.count)]
    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        out.writelines(line + "\n" for line in lines)
    print(f"{args.out}: {len(lines)} inputs (seed {args.seed})")


if __name__ == "__main__":
    main()
