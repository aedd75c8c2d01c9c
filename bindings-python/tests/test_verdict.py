"""The Verdict and Rule objects: immutable, comparable, hashable, convertible; vocabularies as
plain str from the core's word lists; the rule table; the version."""

from __future__ import annotations

import inspect
import json
import threading
from importlib import metadata
from pathlib import Path

import pytest
import tomllib

import errtriage

from conftest import BINDING, REPO, VECTORS, classify_idiomatic, load_cases

BODY = (
    b'{"error":{"code":"UPSTREAM_ERROR","message":"Upstream search failed with status 502.",'
    b'"details":{"providerStatus":502,"path":["a",1.5,null,true],"big":123456789012345678901234567890}},'
    b'"requestId":"req_search_001"}'
)


def verdict() -> errtriage.Verdict:
    return errtriage.classify(502, BODY, {"retry-after": "2"})


def test_fields_and_types() -> None:
    v = verdict()
    assert v.shape in errtriage.SHAPES
    assert v.category in errtriage.CATEGORIES
    assert v.action in errtriage.ACTIONS
    assert v.outcome in errtriage.OUTCOMES
    for word in (v.shape, v.category, v.action, v.outcome, v.hint, v.rule):
        assert type(word) is str
    assert v.retryable is (v.action == "retry")
    assert v.status == 502 and type(v.status) is int
    assert v.retry_after_ms == 2000
    assert v.details == {
        "providerStatus": 502,
        "path": ["a", 1.5, None, True],
        "big": 123456789012345678901234567890,
    }


def test_to_dict_is_the_json_form() -> None:
    for _, case in load_cases(VECTORS)[::7]:
        v = classify_idiomatic(case["input"])
        assert v.to_dict() == json.loads(v.to_json())
        assert list(v.to_dict()) == list(json.loads(v.to_json()))
        for name, value in v.to_dict().items():
            assert getattr(v, name) == value


def test_immutable() -> None:
    v = verdict()
    for name in v.to_dict():
        with pytest.raises(AttributeError):
            setattr(v, name, None)
    with pytest.raises(AttributeError):
        v.extra = 1  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        errtriage.Verdict()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        type("Sub", (errtriage.Verdict,), {})


def test_details_cannot_be_changed_through_the_verdict() -> None:
    v = verdict()
    details = v.details
    assert isinstance(details, dict)
    details["providerStatus"] = 0
    assert v.details["providerStatus"] == 502  # type: ignore[index, call-overload]
    assert errtriage.classify(404).details is None


def test_equality_and_hashing() -> None:
    a, b = verdict(), verdict()
    assert a == b and not (a != b)
    assert hash(a) == hash(b)
    assert len({a, b}) == 1
    other = errtriage.classify(502, BODY)
    assert a != other
    assert a != a.to_dict() and a != a.to_json() and a != None  # noqa: E711
    fresh = errtriage.classify(401, token_fresh=True)
    plain = errtriage.classify(401)
    assert fresh != plain and fresh.rule != plain.rule
    assert {a: 1}[b] == 1


def test_repr() -> None:
    r = repr(verdict())
    assert r.startswith("Verdict(shape='core_wrapper', category='transient', action='retry', retryable=True,")
    assert "details={'providerStatus': 502, " in r
    assert "retry_after_ms=2000" in r and r.endswith(f"rule={verdict().rule!r})")
    assert repr(errtriage.classify(404)).count("=None") >= 4


def test_module_and_names() -> None:
    assert errtriage.Verdict.__module__ == "errtriage"
    assert errtriage.Rule.__module__ == "errtriage"
    assert type(verdict()) is errtriage.Verdict
    assert errtriage.classify.__name__ == "classify"
    # The built-in Classifier's method: its signature, as help() and IDEs show it.
    signature = str(inspect.signature(errtriage.classify))
    assert signature.startswith("(status, body=None, headers=None, *, method=None")


def test_vocabularies_come_from_the_core() -> None:
    # Every word appears in the rule table or the verdicts; each tuple is unique and lower case.
    for words in (
        errtriage.SHAPES,
        errtriage.CATEGORIES,
        errtriage.ACTIONS,
        errtriage.OUTCOMES,
        errtriage.TRANSPORT_KINDS,
        errtriage.AUTHS,
    ):
        assert isinstance(words, tuple) and len(set(words)) == len(words)
        assert all(w == w.lower() for w in words)
    seen: dict[str, set[str]] = {"shape": set(), "category": set(), "action": set(), "outcome": set()}
    for _, case in load_cases(VECTORS):
        for field, values in seen.items():
            values.add(case["expect"][field])
    assert seen["shape"] <= set(errtriage.SHAPES)
    assert seen["category"] <= set(errtriage.CATEGORIES)
    assert seen["action"] <= set(errtriage.ACTIONS)
    assert seen["outcome"] <= set(errtriage.OUTCOMES)


def test_rules() -> None:
    rules = errtriage.rules()
    assert len(rules) > 50
    ids = [r.id for r in rules]
    assert len(set(ids)) == len(ids)
    for r in rules:
        assert errtriage.rule(r.id) == r and hash(errtriage.rule(r.id)) == hash(r)
        assert r.category is None or r.category in errtriage.CATEGORIES
        assert r.action in errtriage.ACTIONS
        assert r.hint and r.source
        assert all(type(c) is str for c in r.codes)
        assert repr(r).startswith(f"Rule(id={r.id!r}, ")
    assert errtriage.rule("no.such_rule") is None
    upstream = errtriage.rule(verdict().rule)
    assert upstream is not None and "UPSTREAM_ERROR" in upstream.codes
    # Every verdict names a rule in the table, and its hint is that rule's.
    for _, case in load_cases(VECTORS)[::5]:
        v = classify_idiomatic(case["input"])
        r = errtriage.rule(v.rule)
        assert r is not None and r.hint == v.hint and r.action == v.action


def test_constants() -> None:
    low, high = errtriage.STATUS_RANGE
    errtriage.classify(low)
    errtriage.classify(high)
    with pytest.raises(ValueError):
        errtriage.classify(high + 1)
    capped = errtriage.classify(503, headers={"retry-after": str(10**9)})
    assert capped.retry_after_ms == errtriage.MAX_RETRY_AFTER_MS
    assert errtriage.BODY_PREFIX_BYTES > 0


def test_threads_share_the_module_safely() -> None:
    cases = load_cases(VECTORS)[:60]
    want = [c["expect"] for _, c in cases]
    results: list[bool] = []

    def work() -> None:
        results.append([classify_idiomatic(c["input"]).to_dict() for _, c in cases] == want)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [True] * 4


def test_version_is_cargos() -> None:
    cargo = tomllib.loads((REPO / "Cargo.toml").read_text(encoding="utf-8"))
    version = cargo["workspace"]["package"]["version"]
    assert errtriage.__version__ == version
    assert metadata.version("errtriage") == version


def test_the_installed_wheel_is_under_test() -> None:
    # Not the source tree (which has no compiled module) and not an editable install.
    package = Path(errtriage.__file__).resolve().parent
    assert BINDING / "python" not in package.parents and package != BINDING / "python" / "errtriage"
    assert (package / "py.typed").is_file()
    assert (package / "__init__.pyi").is_file()
    assert any(p.name.startswith("_native") for p in package.iterdir())
    # Installed from a wheel file (or from an index, which leaves no direct_url.json).
    direct_url = metadata.distribution("errtriage").read_text("direct_url.json")
    if direct_url is not None:
        origin = json.loads(direct_url)
        assert "archive_info" in origin and origin["url"].endswith(".whl"), origin


def test_module_docstring_example() -> None:
    import doctest

    result = doctest.testmod(errtriage)
    assert result.attempted > 0 and result.failed == 0


def test_pickle_and_copy() -> None:
    import copy
    import pickle

    for _, case in load_cases(VECTORS):
        v = classify_idiomatic(case["input"])
        for protocol in (0, pickle.HIGHEST_PROTOCOL):
            back = pickle.loads(pickle.dumps(v, protocol))
            assert back == v and type(back) is errtriage.Verdict
            assert back.to_json() == v.to_json()
    v = verdict()
    assert copy.copy(v) is v and copy.deepcopy({"v": v})["v"] is v


def test_unpickling_refuses_what_the_model_never_gave() -> None:
    import pickle

    data = pickle.dumps(verdict(), 0)
    with pytest.raises(ValueError, match=r"^rule: "):
        pickle.loads(data.replace(b"core.upstream_error", b"core.no_such_rule"))
    with pytest.raises(ValueError, match=r"^shape: "):
        pickle.loads(data.replace(b"core_wrapper", b"core_wrapped"))


def test_deep_details_convert_without_recursion() -> None:
    body = '{"error":{"code":"X","message":"m","details":' + "[" * 1000 + "]" * 1000 + "}}"
    v = errtriage.classify(400, body=body)
    assert v.to_json().count("[") == 1000
    depth, node = 0, v.details
    while isinstance(node, list):
        depth, node = depth + 1, (node[0] if node else None)
    assert depth == 1000
    assert repr(v).count("[") == 1000
    # Comparing the two with == would itself recurse 1,000 deep: walk them side by side.
    left, right = v.to_dict()["details"], v.details
    depth = 0
    while isinstance(left, list) and isinstance(right, list):
        assert len(left) == len(right)
        depth, left, right = depth + 1, (left[0] if left else None), (right[0] if right else None)
    assert depth == 1000 and left is None and right is None


def test_numbers_out_of_float_range_keep_their_text() -> None:
    details = '{"a":1e400,"b":-2.5E-400,"c":1.5,"d":12345678901234567890,"e":0e999}'
    body = '{"error":{"code":"X","message":"m","details":' + details + "}}"
    v = errtriage.classify(400, body=body)
    assert v.details == {"a": "1e400", "b": "-2.5E-400", "c": 1.5, "d": 12345678901234567890, "e": 0.0}
    assert json.loads(json.dumps(v.to_dict()))["details"]["a"] == "1e400"
    assert '"details":{"a":1e400,' in v.to_json()
