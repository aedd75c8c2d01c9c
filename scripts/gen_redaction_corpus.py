#!/usr/bin/env python3
"""Writes the redaction corpus, tests/vectors/redaction/*.json (issue 11, deliver 1).

Every case is one failed call in the JSON form of the vectors (status, headers, body, request,
transport) with credentials planted in one place: a header, a JSON member, a nested member, a
URL query or fragment, a form body, XML, HTML, free text (message, body, transport detail), an
oversized body, a body with a BOM, a body with trailing data, an escaped key. `secrets` lists the
planted strings that must not appear in the report (log fields, report JSON, report text);
`keep` lists look-alikes that must survive (request ids, hashes, UUIDs, order ids, commit SHAs,
base64 that is not a credential, names that only resemble secret names).

The secrets are random strings in the documented formats (gitleaks and trufflehog rules, vendor
documentation); none is a real credential. Deterministic: the same script writes the same bytes.

    python3 scripts/gen_redaction_corpus.py            # rewrite the files
    python3 scripts/gen_redaction_corpus.py --check    # fail if the files are not up to date

Runners (core/tests/redaction_corpus.rs, bindings-python/tests/test_redaction_corpus.py,
js/test/suite.test.mjs) check each secret, and for secrets of 24 characters or more also their
last 12 characters, against the report; and each look-alike for presence.
"""

from __future__ import annotations

import base64
import hashlib
import json
import random
import string
import sys
import uuid
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "tests" / "vectors" / "redaction"
SEED = 11

rng = random.Random(SEED)

ALNUM = string.ascii_letters + string.digits
UPPER_DIGITS = string.ascii_uppercase + string.digits
HEX = "0123456789abcdef"
B64 = string.ascii_letters + string.digits + "+/"
B64URL = string.ascii_letters + string.digits + "-_"


def chars(alphabet: str, n: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def mixed(alphabet: str, n: int) -> str:
    """Random text from `alphabet` with at least one upper, one lower and one digit."""
    while True:
        s = chars(alphabet, n)
        if any(c.isupper() for c in s) and any(c.islower() for c in s) and any(c.isdigit() for c in s):
            return s


# ---- Secret formats (each: where its shape is documented) --------------------------------------


def aws_access_key_id() -> str:
    # gitleaks aws-access-token: (?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}
    return rng.choice(["AKIA", "ASIA"]) + chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)


def aws_secret_access_key() -> str:
    # trufflehog aws detector: 40 characters of [A-Za-z0-9+/], found beside its key id.
    return mixed(B64, 40)


def github_token() -> str:
    # gitleaks github-pat / github-oauth / github-app-token / github-refresh-token.
    return rng.choice(["ghp_", "gho_", "ghu_", "ghs_", "ghr_"]) + chars(ALNUM, 36)


def github_fine_grained() -> str:
    # gitleaks github-fine-grained-pat: github_pat_\w{82}
    return "github_pat_" + chars(ALNUM, 22) + "_" + chars(ALNUM, 59)


def gitlab_token() -> str:
    # gitleaks gitlab-pat: glpat-[\w-]{20}
    return "glpat-" + chars(ALNUM + "_-", 20)


def slack_token() -> str:
    # gitleaks slack-bot-token / slack-user-token / slack-legacy-*: xox[abposr]-…
    kind = rng.choice("abposr")
    digits = lambda: chars(string.digits, rng.randint(10, 13))  # noqa: E731
    if kind in "bo":
        return f"xox{kind}-{digits()}-{digits()}-{chars(ALNUM, 24)}"
    return f"xox{kind}-{digits()}-{digits()}-{digits()}-{chars(HEX, 32)}"


def slack_webhook() -> tuple[str, str]:
    # gitleaks slack-webhook-url: hooks.slack.com/(services|workflows)/[A-Za-z0-9+/]{43,56}
    secret = chars(ALNUM, 24)
    url = f"https://hooks.slack.com/services/T{chars(UPPER_DIGITS, 8)}/B{chars(UPPER_DIGITS, 10)}/{secret}"
    return url, secret


def stripe_key() -> str:
    # gitleaks stripe-access-token: (?:sk|rk)_(?:test|live|prod)_[a-zA-Z0-9]{10,99}
    return rng.choice(["sk_live_", "sk_test_", "rk_live_", "rk_test_"]) + chars(ALNUM, rng.choice([24, 99]))


def stripe_webhook_secret() -> str:
    # Stripe docs, "Check the webhook signatures": the endpoint's signing secret starts whsec_.
    return "whsec_" + chars(ALNUM, 32)


def google_api_key() -> str:
    # gitleaks gcp-api-key: AIza[\w-]{35}
    return "AIza" + chars(ALNUM + "_-", 35)


def openai_key() -> str:
    # gitleaks openai-api-key: sk-(proj|svcacct|admin)-…T3BlbkFJ…, legacy sk-[a-zA-Z0-9]{20}T3BlbkFJ[a-zA-Z0-9]{20}
    kind = rng.choice(["legacy", "proj", "svcacct"])
    if kind == "legacy":
        return "sk-" + chars(ALNUM, 20) + "T3BlbkFJ" + chars(ALNUM, 20)
    return f"sk-{kind}-" + chars(B64URL, 74) + "T3BlbkFJ" + chars(B64URL, 74)


def anthropic_key() -> str:
    # gitleaks anthropic-api-key: sk-ant-api03-[\w-]{93}AA; anthropic-admin-api-key: sk-ant-admin01-…
    return rng.choice(["sk-ant-api03-", "sk-ant-admin01-"]) + chars(B64URL, 93) + "AA"


def twilio_api_key() -> str:
    # gitleaks twilio-api-key: SK[0-9a-fA-F]{32}
    return "SK" + chars(HEX, 32)


def twilio_account_sid() -> str:
    # trufflehog twilio detector: the account SID AC[0-9a-f]{32} (an identifier) beside its token.
    return "AC" + chars(HEX, 32)


def twilio_auth_token() -> str:
    return chars(HEX, 32)


def sendgrid_key() -> str:
    # gitleaks sendgrid-api-token: SG\.[\w-]{22}\.[\w-]{43}
    return "SG." + chars(B64URL, 22) + "." + chars(B64URL, 43)


def npm_token() -> str:
    # gitleaks npm-access-token: npm_[a-z0-9]{36}
    return "npm_" + chars(ALNUM, 36)


def pypi_token() -> str:
    # gitleaks pypi-upload-token: pypi-AgEIcHlwaS5vcmc[\w-]{50,1000}
    return "pypi-AgEIcHlwaS5vcmc" + chars(B64URL, rng.randint(60, 150))


def jwt() -> str:
    # RFC 7519 compact JWS; gitleaks jwt: ey…\.ey…\.…
    def seg(obj: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(obj, separators=(",", ":")).encode()).decode().rstrip("=")

    header = seg({"alg": rng.choice(["HS256", "RS256", "ES256"]), "typ": "JWT"})
    payload = seg({"sub": chars(ALNUM, 10), "iat": rng.randint(1600000000, 1800000000), "scope": "messages"})
    return f"{header}.{payload}.{chars(B64URL, 43)}"


def opaque(n: int | None = None) -> str:
    return mixed(ALNUM, n or rng.randint(20, 44))


def password() -> str:
    words = ["hunter", "correct", "horse", "Tr0ub4dor", "dragon", "sunshine", "letmein", "qwerty", "monkey"]
    return rng.choice(words) + chars(string.digits, 3) + rng.choice("!#%*") + chars(string.ascii_letters, 4)


def basic_credentials() -> tuple[str, str]:
    user = rng.choice(["alice", "svc-deploy", "api", "client-42"])
    secret = password()
    return base64.b64encode(f"{user}:{secret}".encode()).decode(), secret


PEM_KINDS = ["RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY", "ENCRYPTED PRIVATE KEY"]


def pem_private_key() -> tuple[str, list[str]]:
    """A PEM block (gitleaks private-key) and its base64 lines, each a secret."""
    kind = rng.choice(PEM_KINDS)
    lines = [chars(B64, 64) for _ in range(rng.randint(3, 6))] + [chars(B64, 24) + "=="]
    block = f"-----BEGIN {kind}-----\n" + "\n".join(lines) + f"\n-----END {kind}-----"
    return block, lines


def pem_public_key() -> str:
    lines = [chars(B64, 64) for _ in range(3)] + [chars(B64, 20) + "IDAQAB"]
    return "-----BEGIN PUBLIC KEY-----\n" + "\n".join(lines) + "\n-----END PUBLIC KEY-----"


VENDOR = [
    ("aws access key id", aws_access_key_id),
    ("github token", github_token),
    ("github fine-grained token", github_fine_grained),
    ("gitlab token", gitlab_token),
    ("slack token", slack_token),
    ("stripe key", stripe_key),
    ("stripe webhook secret", stripe_webhook_secret),
    ("google api key", google_api_key),
    ("openai key", openai_key),
    ("anthropic key", anthropic_key),
    ("twilio api key", twilio_api_key),
    ("sendgrid key", sendgrid_key),
    ("npm token", npm_token),
    ("pypi token", pypi_token),
    ("jwt", jwt),
]


def vendor() -> tuple[str, str]:
    family, make = rng.choice(VENDOR)
    return family, make()


# ---- Look-alikes: values that resemble credentials and must stay -------------------------------


def request_id() -> str:
    return rng.choice(
        [
            lambda: "req_" + chars(HEX, 16),
            lambda: str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            lambda: "01" + chars("0123456789ABCDEFGHJKMNPQRSTVWXYZ", 24),
        ]
    )()


def uuid4() -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def sha256_hex() -> str:
    return hashlib.sha256(chars(ALNUM, 20).encode()).hexdigest()


def git_sha() -> str:
    return hashlib.sha1(chars(ALNUM, 20).encode()).hexdigest()


def order_id() -> str:
    return rng.choice(["ord_", "pi_", "ch_", "cus_", "inv_"]) + chars(ALNUM, 24)


def base64_plain() -> str:
    text = rng.choice(["Hello, World!", "page=2&limit=50", "invoice 2025-11 attached", "{\"offset\":200}"])
    return base64.b64encode((text + " " + chars(ALNUM, 6)).encode()).decode()


def cursor() -> str:
    return base64.urlsafe_b64encode(json.dumps({"id": rng.randint(1000, 99999)}).encode()).decode()


LOOKALIKE = [request_id, uuid4, sha256_hex, git_sha, order_id, base64_plain]


def lookalike() -> str:
    return rng.choice(LOOKALIKE)()


# ---- Cases --------------------------------------------------------------------------------------


class Corpus:
    def __init__(self) -> None:
        self.files: dict[str, list[dict]] = {}

    def add(self, file: str, name: str, input: dict, secrets: list[str], keep: list[str]) -> None:
        cases = self.files.setdefault(file, [])
        assert secrets, name
        for s in secrets:
            assert len(s) >= 4, (name, s)
            for k in keep:
                assert s not in k and k not in s, (name, s, k)
        cases.append(
            {"name": f"{file} {len(cases) + 1:03}: {name}", "place": file, "input": input, "secrets": secrets, "keep": keep}
        )


def core_error(code: str, message: str, rid: str, details: dict | None = None) -> dict:
    return {"error": {"code": code, "message": message, "details": details or {}}, "requestId": rid}


def dumps(obj: object) -> str:
    style = rng.choice(["compact", "spaced", "indent"])
    if style == "compact":
        return json.dumps(obj, separators=(",", ":"))
    if style == "spaced":
        return json.dumps(obj)
    return json.dumps(obj, indent=2)


SECRET_HEADERS = [
    "Authorization",
    "Proxy-Authorization",
    "X-Api-Key",
    "X-Secret-Key",
    "X-Functions-Key",
    "Ocp-Apim-Subscription-Key",
    "X-Goog-Api-Key",
    "X-Amz-Security-Token",
    "X-Auth-Token",
    "X-Access-Token",
    "X-Csrf-Token",
    "X-XSRF-TOKEN",
    "Private-Token",
    "X-Vault-Token",
    "X-Master-Key",
    "X-Client-Secret",
    "X-Shopify-Access-Token",
    "Api-Key",
    "X-Webhook-Secret",
    "X-Refresh-Token",
    "X-Signing-Key",
    "X-Storage-Key",
    "X-Access-Key",
    "X-DB-Password",
    "X-Session-Id",
    "X-Hub-Signature-256",
    "X-License-Key",
    "X-App-Secret",
    "x-api-key",
    "X-Consumer-Secret",
]

NEUTRAL_HEADERS = ["X-Debug", "Warning", "X-Upstream-Error", "X-Error-Detail", "X-Trace-Note"]


def lookalike_headers() -> tuple[list[list[str]], list[str]]:
    """A few ordinary response headers and the values among them that must survive."""
    headers = [
        ["content-type", "application/json"],
        ["x-request-id", request_id()],
        ["etag", f'"{git_sha()}"'],
        ["x-amz-id-2", base64_plain()],
        ["cf-ray", chars(HEX, 16) + "-SJC"],
        ["idempotency-key", uuid4()],
        ["www-authenticate", 'Bearer realm="api", error="invalid_token"'],
    ]
    rng.shuffle(headers)
    headers = headers[: rng.randint(3, 7)]
    keep = [v.strip('"') for n, v in headers if n not in ("www-authenticate", "content-type")]
    return headers, keep


def header_cases(c: Corpus) -> None:
    for i in range(40):
        headers, keep = lookalike_headers()
        secrets = []
        for _ in range(rng.randint(2, 4)):
            name = rng.choice(SECRET_HEADERS)
            kind = rng.random()
            if name in ("Authorization", "Proxy-Authorization"):
                scheme = rng.choice(["Bearer", "Basic", "token", "AWS4", "Bearer-jwt"])
                if scheme == "Bearer":
                    s = opaque()
                    value = f"Bearer {s}"
                elif scheme == "Bearer-jwt":
                    s = jwt()
                    value = f"Bearer {s}"
                elif scheme == "Basic":
                    s, _pw = basic_credentials()
                    value = f"Basic {s}"
                elif scheme == "token":
                    s = github_token()
                    value = f"token {s}"
                else:
                    s = chars(HEX, 64)
                    akid = aws_access_key_id()
                    value = f"AWS4-HMAC-SHA256 Credential={akid}/20251122/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature={s}"
                    secrets.append(akid)
                secrets.append(s)
            elif kind < 0.5:
                s = opaque()
                secrets.append(s)
                value = s
            else:
                _family, s = vendor()
                secrets.append(s)
                value = s
            headers.insert(rng.randrange(len(headers) + 1), [name, value])
        if i % 4 == 0:
            sid, tok = opaque(32), opaque(24)
            headers.append(["Cookie", f"theme=dark; sessionid={sid}; csrftoken={tok}"])
            secrets += [sid, tok]
        if i % 4 == 1:
            sid = opaque(40)
            headers.append(["Set-Cookie", f"__Host-session={sid}; Path=/; Secure; HttpOnly; SameSite=Lax"])
            secrets.append(sid)
        if i % 3 == 0:
            # A credential in a header whose name says nothing: found by its format.
            family, s = vendor()
            headers.append([rng.choice(NEUTRAL_HEADERS), f"upstream rejected {family} {s} (see logs)"])
            secrets.append(s)
        if i % 5 == 2:
            pw = password()
            headers.append(["Location", f"https://deploy:{pw}@git.example.com/org/repo.git"])
            secrets.append(pw)
        rid = request_id()
        keep.append(rid)
        body = dumps(core_error("UNAUTHORIZED", "Invalid or missing credentials", rid))
        c.add("header", f"{len(secrets)} credentials in headers", {"status": 401, "headers": headers, "body": body}, secrets, keep)


SECRET_MEMBERS = [
    "password",
    "Password",
    "passwd",
    "pwd",
    "db_password",
    "DATABASE_PASSWORD",
    "passphrase",
    "client_secret",
    "clientSecret",
    "secret",
    "app_secret",
    "consumer_secret",
    "webhook_secret",
    "signing_secret",
    "access_token",
    "accessToken",
    "refresh_token",
    "id_token",
    "auth_token",
    "bearer_token",
    "csrf_token",
    "sessionToken",
    "oauth_token",
    "github_token",
    "api_key",
    "apiKey",
    "x-api-key",
    "API_KEY",
    "secret_key",
    "secretKey",
    "aws_secret_access_key",
    "private_key",
    "privateKey",
    "master_key",
    "accountKey",
    "functions_key",
    "subscription_key",
    "license_key",
    "encryption_key",
    "storage_key",
    "credential",
    "credentials",
    "dsn",
    "sentry_dsn",
    "connection_string",
    "connectionString",
    "ConnectionStrings",
    "sig",
    "signature",
    "auth",
    "authorization",
    "Authorization",
    "cookie",
    "session_id",
    "sessionid",
    "jwt",
    "pin",
    "cvv",
    "otp",
    "basic_auth",
    "x_auth_token",
    "npm_token",
    "slack_token",
]

LOOKALIKE_MEMBERS = [
    ("requestId", request_id),
    ("request_id", request_id),
    ("order_id", order_id),
    ("orderId", order_id),
    ("sha256", sha256_hex),
    ("checksum", sha256_hex),
    ("commit", git_sha),
    ("commit_sha", git_sha),
    ("trace_id", uuid4),
    ("uuid", uuid4),
    ("idempotency_key", uuid4),
    ("idempotencyKey", uuid4),
    ("key_id", lambda: "key_" + chars(HEX, 16)),
    ("kid", lambda: chars(HEX, 20)),
    ("public_key_fingerprint", lambda: "SHA256:" + chars(B64, 43)),
    ("publishable_key", lambda: "pk_live_" + chars(ALNUM, 24)),
    ("author", lambda: "octocat-" + chars(ALNUM, 6)),
    ("authority", lambda: "https://login.example.com/" + uuid4()),
    ("tokenizer", lambda: "cl100k_" + chars(ALNUM, 6)),
    ("nextPageToken", lambda: chars(B64URL, 30)),
    ("page_token", cursor),
    ("next_cursor", cursor),
    ("token_type", lambda: rng.choice(["Bearer", "bearer", "mac"]) + "-" + chars(ALNUM, 4)),
    ("data", base64_plain),
    ("content", base64_plain),
    ("etag", git_sha),
    ("signal", lambda: "SIGTERM-" + chars(ALNUM, 6)),
    ("monkey", lambda: "banana-" + chars(ALNUM, 6)),
]


def secret_value() -> tuple[object, list[str]]:
    """A value for a secret-named member and the secret strings in it."""
    r = rng.random()
    if r < 0.45:
        s = opaque()
        return s, [s]
    if r < 0.75:
        _f, s = vendor()
        return s, [s]
    if r < 0.82:
        n = rng.randint(10_000_000, 99_999_999)
        return n, [str(n)]
    if r < 0.92:
        a, b = opaque(), opaque()
        return {"user": "svc-" + chars(string.ascii_lowercase, 4), "primary": a, "secondary": [b]}, [a, b]
    pw = password()
    return pw, [pw]


def lookalike_members(n: int) -> tuple[dict, list[str]]:
    members, keep = {}, []
    for name, make in rng.sample(LOOKALIKE_MEMBERS, n):
        v = make()
        members[name] = v
        keep.append(v)
    if rng.random() < 0.3:
        members["max_tokens"] = rng.randint(100000, 999999)
        keep.append(str(members["max_tokens"]))
    if rng.random() < 0.2:
        members["public_key"] = pem_public_key()
        keep.extend(members["public_key"].split("\n")[1:-1])
    return members, keep


def json_member_cases(c: Corpus) -> None:
    names = list(SECRET_MEMBERS)
    rng.shuffle(names)
    for i in range(45):
        members, keep = lookalike_members(rng.randint(2, 5))
        secrets = []
        for _ in range(rng.randint(2, 3)):
            name = names.pop() if names else rng.choice(SECRET_MEMBERS)
            value, s = secret_value()
            members[name] = value
            secrets += s
        if i % 3 == 0:
            family, s = vendor()
            members["note"] = f"rotate the {family} {s} before Friday"
            secrets.append(s)
        items = list(members.items())
        rng.shuffle(items)
        rid = request_id()
        body = dumps({"error": {"code": "INVALID_REQUEST", "message": "Request echoed for debugging", "details": dict(items)}, "requestId": rid})
        c.add("json_member", "secret-named members beside look-alikes", {"status": 400, "body": body}, secrets, keep + [rid])


def nested_member_cases(c: Corpus) -> None:
    for i in range(30):
        secrets, keep = [], []
        depth = rng.randint(2, 7)
        leaf_members, keep = lookalike_members(2)
        for _ in range(2):
            value, s = secret_value()
            leaf_members[rng.choice(SECRET_MEMBERS)] = value
            secrets += s
        node: object = leaf_members
        for d in range(depth):
            wrap = rng.choice(["object", "array", "list-of-objects"])
            if wrap == "object":
                node = {rng.choice(["config", "request", "upstream", "context", "item"]): node, "level": d}
            elif wrap == "array":
                node = [rng.randint(0, 9), node]
            else:
                node = [{"id": uuid4()}, node]
        if i % 2 == 0:
            # A secret-named member whose value is a container: all of it goes.
            inner_a, inner_b = opaque(), vendor()[1]
            node = {"wrapped": node, "credentials": {"username": "svc", "token": inner_a, "extra": [{"k": inner_b}]}}
            secrets += [inner_a, inner_b]
        rid = request_id()
        keep.append(rid)
        body = dumps({"code": "validation_error", "message": "nested echo", "request_id": rid, "metadata": node})
        c.add("nested_member", f"secrets {depth} levels down", {"status": 422, "body": body}, secrets, keep)


QUERY_NAMES = ["access_token", "api_key", "apikey", "key", "token", "client_secret", "password", "sig", "signature", "code", "refresh_token", "private_token", "auth", "secret", "X-Amz-Security-Token", "id_token"]


def query_value(name: str) -> tuple[str, list[str]]:
    if name == "key":
        s = google_api_key()
    elif name == "sig":
        s = base64.b64encode(rng.randbytes(32)).decode()
        return s.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D"), [s.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D")]
    elif name == "code":
        s = opaque(30)
    else:
        s = rng.choice([opaque, lambda: vendor()[1]])()
    return s, [s]


def url_with_query(n: int) -> tuple[str, list[str], list[str]]:
    params, secrets, keep = [], [], []
    for name in rng.sample(QUERY_NAMES, n):
        v, s = query_value(name)
        params.append(f"{name}={v}")
        secrets += s
    ok = order_id()
    params.append(f"order={ok}")
    keep.append(ok)
    params.append("limit=50")
    rng.shuffle(params)
    host = rng.choice(["https://api.example.com", "https://storage.example.net", ""])
    return f"{host}/v1/{rng.choice(['files', 'orders', 'messages/send'])}?" + "&".join(params), secrets, keep


def url_query_cases(c: Corpus) -> None:
    for i in range(40):
        url, secrets, keep = url_with_query(rng.randint(1, 3))
        rid = request_id()
        keep.append(rid)
        where = i % 4
        if where == 0:
            input = {"status": 403, "body": dumps(core_error("FORBIDDEN", "Not allowed", rid)), "request": {"method": "GET", "endpoint": url}}
        elif where == 1:
            input = {"transport": {"kind": "timeout", "sent": True, "detail": f"GET {url} timed out after 30000 ms"}, "request": {"method": "GET", "endpoint": "/v1/files"}}
            keep.remove(rid)
        elif where == 2:
            input = {"status": 400, "body": dumps({"error": {"code": "BAD_URL", "message": f"Could not fetch {url}"}, "requestId": rid})}
        else:
            akid, sig = aws_access_key_id(), chars(HEX, 64)
            presigned = f"https://bucket.s3.amazonaws.com/report.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential={akid}%2F20251122%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20251122T000000Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Signature={sig}"
            input = {"status": 403, "headers": [["content-type", "application/json"], ["link", f"<{url}>; rel=\"next\""]], "body": dumps(core_error("FORBIDDEN", f"Signature expired for {presigned}", rid)), "request": {"method": "GET", "endpoint": presigned}}
            secrets += [akid, sig]
        c.add("url_query", "credentials in query parameters", input, secrets, keep)


def url_fragment_cases(c: Corpus) -> None:
    for i in range(20):
        at, it, state = opaque(40), jwt(), chars(ALNUM, 12)
        frag = f"access_token={at}&token_type=Bearer&expires_in=3600&state={state}"
        secrets, keep = [at], [state, "token_type=Bearer"]
        if i % 2:
            frag += f"&id_token={it}"
            secrets.append(it)
        url = f"https://app.example.com/callback#{frag}"
        where = i % 3
        if where == 0:
            input = {"status": 400, "request": {"method": "GET", "endpoint": url}, "body": "invalid callback"}
        elif where == 1:
            input = {"status": 302, "headers": [["location", url], ["content-type", "text/html"]], "body": f'<a href="{url}">moved</a>'}
        else:
            input = {"status": 400, "body": dumps({"error": "invalid_request", "error_description": f"redirect {url} rejected"})}
        c.add("url_fragment", "implicit-grant tokens in a URL fragment", input, secrets, keep)


def form_body_cases(c: Corpus) -> None:
    for i in range(30):
        cid = "client-" + chars(HEX, 8)
        secrets, keep = [], [cid]
        kind = i % 5
        if kind == 0:
            pw, cs = password(), opaque()
            body = f"grant_type=password&username=alice&password={pw.replace('!', '%21').replace('#', '%23')}&client_id={cid}&client_secret={cs}"
            secrets += [pw.replace("!", "%21").replace("#", "%23"), cs]
        elif kind == 1:
            rt = opaque(48)
            body = f"grant_type=refresh_token&refresh_token={rt}&client_id={cid}"
            secrets.append(rt)
        elif kind == 2:
            a = jwt()
            body = f"client_id={cid}&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion={a}&grant_type=client_credentials"
            secrets.append(a)
        elif kind == 3:
            t = opaque(40)
            body = f"token={t}&token_type_hint=access_token&client_id={cid}"
            secrets.append(t)
            keep.append("token_type_hint=access_token")
        else:
            k, s = opaque(), stripe_key()
            body = f"amount=2000&currency=usd&client_id={cid}&api_key={k}&description=Order+{chars(ALNUM, 8)}&stripe_key={s}"
            secrets += [k, s]
        headers = [["content-type", "application/x-www-form-urlencoded"]]
        c.add("form_body", "form fields", {"status": 401, "headers": headers, "body": body, "request": {"method": "POST", "endpoint": "/oauth/token"}}, secrets, keep)


XML_SECRET_ELEMENTS = ["Password", "SecretAccessKey", "SessionToken", "ClientSecret", "password", "AccessToken", "ApiKey", "wsse:Password", "ns2:PrivateKey", "Token", "SharedKey", "connectionString"]


def xml_cases(c: Corpus) -> None:
    for i in range(30):
        rid, host = uuid4(), base64_plain()
        secrets, keep = [], [rid, host]
        parts = []
        for _ in range(rng.randint(2, 3)):
            el = rng.choice(XML_SECRET_ELEMENTS)
            s = rng.choice([opaque, password, lambda: vendor()[1]])()
            attr = rng.choice(["", ' type="PasswordText"', ' encoding="plain"'])
            parts.append(f"<{el}{attr}>{s}</{el}>")
            secrets.append(s)
        if i % 3 == 0:
            akid = aws_access_key_id()
            parts.append(f"<AWSAccessKeyId>{akid}</AWSAccessKeyId>")
            secrets.append(akid)
        if i % 4 == 1:
            k = opaque()
            parts.append(f'<add key="ApiKey" value="{k}" />')
            secrets.append(k)
        if i % 4 == 3:
            family, s = vendor()
            parts.append(f"<Note>the {family} {s} was revoked</Note>")
            secrets.append(s)
        echo = "\n    ".join(parts)
        body = (
            '<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n  <Code>InvalidClientTokenId</Code>\n'
            f"  <Message>The security token included in the request is invalid.</Message>\n  <Echo>\n    {echo}\n  </Echo>\n"
            f"  <RequestId>{rid}</RequestId>\n  <HostId>{host}</HostId>\n</Error>"
        )
        c.add("xml", "secret elements in an XML error", {"status": 403, "headers": [["content-type", "application/xml"]], "body": body}, secrets, keep)


def html_cases(c: Corpus) -> None:
    for i in range(30):
        secrets, keep = [], []
        csrf, meta = opaque(64), opaque(44)
        pw = password()
        sha = git_sha()
        keep.append(sha)
        rows = [
            f'<input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">',
            f'<meta name="csrf-token" content="{meta}">',
            f"<pre>DATABASE_URL=postgres://app:{pw}@db.internal:5432/prod\nBUILD={sha}</pre>",
        ]
        secrets += [csrf, meta, pw]
        if i % 2 == 0:
            k = google_api_key()
            rows.append(f'<script>window.config = {{"apiKey": "{k}", "build": "{sha}"}};</script>')
            secrets.append(k)
        if i % 3 == 0:
            family, s = vendor()
            rows.append(f"<!-- debug: {family} {s} -->")
            secrets.append(s)
        if i % 3 == 1:
            at = opaque(36)
            rows.append(f'<a href="/next?access_token={at}&amp;page=2">next</a>')
            secrets.append(at)
        rng.shuffle(rows)
        body = "<!DOCTYPE html>\n<html><head><title>500 Internal Server Error</title></head>\n<body>\n<h1>Server Error</h1>\n" + "\n".join(rows) + "\n</body></html>"
        c.add("html", "credentials in an HTML error page", {"status": 500, "headers": [["content-type", "text/html; charset=utf-8"]], "body": body}, secrets, keep)


def free_text_sentences() -> tuple[str, list[str], list[str]]:
    """One sentence with a credential in it, by family, and look-alikes."""
    kind = rng.randrange(20)
    keep: list[str] = []
    if kind == 0:
        a, s = aws_access_key_id(), aws_secret_access_key()
        return f"The AWS access key {a} with secret key {s} is not authorized to perform s3:PutObject", [a, s], keep
    if kind == 1:
        a, s = aws_access_key_id(), aws_secret_access_key()
        return f"aws_access_key_id={a} aws_secret_access_key={s}", [a, s], keep
    if kind == 2:
        s = rng.choice([github_token, github_fine_grained])()
        sha = git_sha()
        return f"git push failed for commit {sha}: remote rejected token {s}", [s], [sha]
    if kind == 3:
        s = gitlab_token()
        return f"GitLab said 401 for PRIVATE-TOKEN {s}.", [s], keep
    if kind == 4:
        s = slack_token()
        return f"slack: invalid_auth for `{s}`", [s], keep
    if kind == 5:
        url, s = slack_webhook()
        return f"POST {url} returned 404 no_service", [s], keep
    if kind == 6:
        s, o = stripe_key(), order_id()
        return f"Invalid API Key provided: {s} (order {o})", [s], [o]
    if kind == 7:
        s = google_api_key()
        return f"API key not valid. Please pass a valid API key. key={s}", [s], keep
    if kind == 8:
        s = rng.choice([openai_key, anthropic_key])()
        return f"Incorrect API key provided: {s}. You can find your API key in the dashboard.", [s], keep
    if kind == 9:
        sid, tok = twilio_account_sid(), twilio_auth_token()
        form = rng.choice(["auth token", "AuthToken=", "auth_token:"])
        return f"Twilio account {sid} rejected {form} {tok}", [tok], [sid]
    if kind == 10:
        s = sendgrid_key()
        return f"SendGrid: The provided authorization grant is invalid ({s})", [s], keep
    if kind == 11:
        s = rng.choice([npm_token, pypi_token])()
        return f"E401 Unable to authenticate, your token {s} has expired", [s], keep
    if kind == 12:
        block, lines = pem_private_key()
        return f"failed to parse key:\n{block}\nend of key", lines, keep
    if kind == 13:
        s = jwt()
        return f"token {s} rejected: signature invalid", [s], keep
    if kind == 14:
        s = opaque(40)
        b, pw = basic_credentials()
        return f"curl -H 'Authorization: Bearer {s}' -H 'Proxy-Authorization: Basic {b}' failed", [s, b], keep
    if kind == 15:
        scheme = rng.choice(["postgres", "postgresql", "mysql", "mongodb+srv", "redis", "rediss", "amqp", "amqps"])
        pw = password()
        user = "" if scheme.startswith("redis") and rng.random() < 0.5 else "app_user"
        return f"could not connect to {scheme}://{user}:{pw}@db-{chars(HEX, 4)}.internal:5432/prod?sslmode=require", [pw], keep
    if kind == 16:
        pw = password()
        field = rng.choice(["Password", "Pwd", "password"])
        return f"Login failed: Server=tcp:sql.example.net,1433;Database=orders;User ID=app;{field}={pw};Encrypt=True;", [pw], keep
    if kind == 17:
        k = base64.b64encode(rng.randbytes(48)).decode()
        return f"DefaultEndpointsProtocol=https;AccountName=store1;AccountKey={k};EndpointSuffix=core.windows.net", [k], keep
    if kind == 18:
        pw = password()
        name = rng.choice(["password", "secret", "token", "passwd", "api_key", "client_secret"])
        sep = rng.choice([": ", "=", " = ", ":"])
        return f"config check failed, {name}{sep}{pw} is not accepted", [pw], keep
    u, h = uuid4(), sha256_hex()
    s = opaque(32)
    return f"request {u} checksum {h}: secret={s}", [s], [u, h]


def free_text_cases(c: Corpus) -> None:
    for i in range(90):
        text, secrets, keep = free_text_sentences()
        where = i % 3
        rid = request_id()
        if where == 0:
            input = {"status": 500, "headers": [["content-type", "text/plain"], ["x-request-id", rid]], "body": text}
            keep = keep + [rid]
        elif where == 1:
            input = {"status": 401, "body": dumps({"error": {"code": "UNAUTHORIZED", "message": text, "details": {}}, "requestId": rid})}
            keep = keep + [rid]
        else:
            input = {"transport": {"kind": rng.choice(["connect", "tls", "other", "reset"]), "sent": rng.choice([True, False, None]), "detail": text}}
        c.add("free_text", "a credential inside text", input, secrets, keep)


def filler(size: int) -> list[dict]:
    items, total = [], 0
    while total < size:
        item = {"sku": "sku-" + chars(ALNUM, 8), "qty": rng.randint(1, 9), "note": "line item in the order"}
        items.append(item)
        total += len(json.dumps(item)) + 2
    return items


def oversized_cases(c: Corpus) -> None:
    for i in range(8):
        secrets, keep = [], []
        pw, tok = password(), vendor()[1]
        rid = request_id()
        if i < 7:
            keep.append(rid)
        if i < 5:
            head = {"error": {"code": "card_declined", "message": f"declined; debug token {tok}", "details": {"password": pw, "api_key": opaque()}}, "requestId": rid}
            secrets += [pw, tok, head["error"]["details"]["api_key"]]
            head["items"] = filler(70 * 1024)
            body = json.dumps(head)
            # And one in the tail, beyond the prefix (never shown, listed anyway).
            body = body[:-1] + f', "client_secret": "{opaque()}"' + "}"
            input = {"status": 402, "body": body}
        elif i < 7:
            lines = [f"ERROR request {rid} failed", f"Authorization: Bearer {tok}", f"password={pw}"]
            secrets += [tok, pw]
            body = "\n".join(lines) + "\n" + ("trace: frame at handler.go:42\n" * 2500)
            input = {"status": 500, "headers": [["content-type", "text/plain"]], "body": body}
        else:
            # A credential cut by the 64 KiB prefix: the part inside it must not show either.
            s = github_token()
            text = "log " * ((64 * 1024 - 20) // 4)
            inside = 64 * 1024 - len(text)
            body = text + s + " more\n" + "tail " * 200
            secrets.append(s[:inside])
            input = {"status": 500, "headers": [["content-type", "text/plain"]], "body": body}
        c.add("oversized", "a body longer than the 64 KiB prefix", input, secrets, keep)


def bom_cases(c: Corpus) -> None:
    for i in range(12):
        members, keep = lookalike_members(3)
        secrets = []
        for _ in range(2):
            v, s = secret_value()
            members[rng.choice(SECRET_MEMBERS)] = v
            secrets += s
        rid = request_id()
        keep.append(rid)
        body = "\ufeff" + dumps({"code": "invalid_request", "message": "bad", "request_id": rid, "metadata": members})
        c.add("bom", "a JSON body with a byte order mark", {"status": 400, "body": body}, secrets, keep)


def trailing_cases(c: Corpus) -> None:
    for i in range(12):
        rid = request_id()
        pw, k = password(), opaque()
        secrets, keep = [pw, k], [rid]
        first = dumps({"error": {"code": "INVALID_REQUEST", "message": "bad", "details": {"password": pw}}, "requestId": rid})
        kind = i % 4
        if kind == 0:
            body = first + "\n" + dumps({"debug": {"api_key": k}})
        elif kind == 1:
            body = first + f"\n-- upstream said: token={k}"
        elif kind == 2:
            body = first + f'<html><body>secret: {k}</body></html>'
        else:
            body = first + f'}}, "access_token": "{k}"}}'
        c.add("trailing", "a JSON body followed by more data", {"status": 400, "body": body}, secrets, keep)


def escaped_cases(c: Corpus) -> None:
    keys = [
        ("pass\\u0077ord", "password"),
        ("api\\u005fkey", "api_key"),
        ("\\u0061ccess_token", "access_token"),
        ("client\\u005Fsecret", "client_secret"),
        ("x\\u002dapi\\u002dkey", "x-api-key"),
        ("\\u0073ecret", "secret"),
    ]
    for i in range(18):
        rid = request_id()
        s1, s2, s3 = opaque(), opaque(), vendor()[1]
        secrets, keep = [s1], [rid]
        raw_key, _plain = keys[i % len(keys)]
        inner = json.dumps({"client_secret": s2, "request": rid})
        kind = i % 3
        if kind == 0:
            body = '{"error":{"code":"INVALID_REQUEST","message":"bad","details":{"' + raw_key + '":"' + s1 + '"}},"requestId":"' + rid + '"}'
        elif kind == 1:
            # JSON inside a JSON string.
            body = '{"error":{"code":"INVALID_REQUEST","message":"bad","details":{"' + raw_key + '":"' + s1 + '","upstream_body":' + json.dumps(inner) + '}},"requestId":"' + rid + '"}'
            secrets.append(s2)
        else:
            # Twice encoded, and a credential written with escapes inside a string.
            body = json.dumps({"error": {"code": "INVALID_REQUEST", "message": "bad", "details": {"raw": json.dumps(inner)}}, "requestId": rid})
            body = body[:-1] + ',"' + raw_key + '":"' + s1 + '","note":"token\\u003a ' + s3 + '"}'
            secrets += [s2, s3]
        c.add("escaped_key", "escaped member names and JSON inside strings", {"status": 400, "body": body}, secrets, keep)


def main() -> int:
    corpus = Corpus()
    header_cases(corpus)
    json_member_cases(corpus)
    nested_member_cases(corpus)
    url_query_cases(corpus)
    url_fragment_cases(corpus)
    form_body_cases(corpus)
    xml_cases(corpus)
    html_cases(corpus)
    free_text_cases(corpus)
    oversized_cases(corpus)
    bom_cases(corpus)
    trailing_cases(corpus)
    escaped_cases(corpus)
    planted = sum(len(case["secrets"]) for cases in corpus.files.values() for case in cases)
    keep = sum(len(case["keep"]) for cases in corpus.files.values() for case in cases)
    check = "--check" in sys.argv[1:]
    stale = []
    OUT.mkdir(parents=True, exist_ok=True)
    for file, cases in corpus.files.items():
        doc = {
            "group": f"redaction corpus: {file}",
            "source": "issue 11; generated by scripts/gen_redaction_corpus.py (seed 11): do not edit by hand",
            "cases": cases,
        }
        text = json.dumps(doc, indent=1, ensure_ascii=False) + "\n"
        path = OUT / f"{file}.json"
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(path.name)
        else:
            path.write_text(text, encoding="utf-8")
    if check and stale:
        print("stale: " + ", ".join(stale), file=sys.stderr)
        return 1
    cases = sum(len(v) for v in corpus.files.values())
    print(f"{cases} cases in {len(corpus.files)} files, {planted} planted secrets, {keep} look-alikes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
