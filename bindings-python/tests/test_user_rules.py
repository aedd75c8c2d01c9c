"""User rules documents through `errtriage.Classifier`: every vector of
tests/vectors/user_rules/ exactly as the core's tests/user_rules.rs runs it (the document loaded,
each input through `classify_json`, the whole verdict compared; every invalid document refused
with the core's exact message), plus the argument forms (str, bytes, dict), the rule lookups,
verdicts decided by a user's rule, and sharing one classifier across threads."""

from __future__ import annotations

import copy
import json
import pickle
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import errtriage

from conftest import VECTORS, classify_idiomatic, load_cases

USER_RULES = VECTORS / "user_rules"
INVALID = USER_RULES / "invalid_documents.json"
DOCUMENTS = sorted(p for p in USER_RULES.glob("*.json") if p != INVALID)
# Error kinds as the vectors name them (the core's ErrorKind) → the Python exception.
EXCEPTIONS: dict[str, type[Exception]] = {"type": TypeError, "value": ValueError, "syntax": ValueError}


def read(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def document_cases() -> list[tuple[str, Path, dict[str, Any]]]:
    return [(f"{p.stem}/{c['name']}", p, c) for p in DOCUMENTS for c in read(p)["cases"]]


CASES = document_cases()
INVALID_CASES = [(c["name"], c) for c in read(INVALID)["cases"]]
SHARED = load_cases(VECTORS)
ACME = read(USER_RULES / "acme.json")["rules"]
EMPTY = '{"errtriage_rules": 1, "rules": []}'


def test_the_vectors_are_there() -> None:
    # An empty directory would make the parametrized tests below vanish rather than fail.
    assert DOCUMENTS, f"no rules documents in {USER_RULES}"
    assert len(CASES) >= 10, f"only {len(CASES)} user-rule cases"
    assert len(INVALID_CASES) >= 20, f"only {len(INVALID_CASES)} invalid documents"


_classifiers: dict[Path, errtriage.Classifier] = {}


def classifier_for(path: Path) -> errtriage.Classifier:
    if path not in _classifiers:
        _classifiers[path] = errtriage.Classifier(read(path)["rules"])
    return _classifiers[path]


@pytest.mark.parametrize("path, case", [(p, c) for _, p, c in CASES], ids=[i for i, _, _ in CASES])
def test_classify_json_with_the_document(path: Path, case: dict[str, Any]) -> None:
    out = classifier_for(path).classify_json(json.dumps(case["input"]))
    assert json.loads(out) == case["expect"]


@pytest.mark.parametrize("path, case", [(p, c) for _, p, c in CASES], ids=[i for i, _, _ in CASES])
def test_idiomatic_api_with_the_document(path: Path, case: dict[str, Any]) -> None:
    classifier = classifier_for(path)
    verdict = classify_idiomatic(case["input"], via=classifier)
    assert verdict.to_dict() == case["expect"]
    assert verdict.to_json() == classifier.classify_json(json.dumps(case["input"]))
    assert verdict.hint == case["expect"]["hint"] and verdict.rule == case["expect"]["rule"]


@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.stem for p in DOCUMENTS])
def test_every_form_of_the_document_is_the_same_classifier(path: Path) -> None:
    doc = read(path)["rules"]
    text = json.dumps(doc)
    forms = [
        errtriage.Classifier(doc),
        errtriage.Classifier(text),
        errtriage.Classifier(text.encode("utf-8")),
        errtriage.Classifier(json.dumps(doc, indent=2, ensure_ascii=False)),
    ]
    expected = forms[0].rules_json()
    for classifier in forms:
        assert classifier.rules_json() == expected
        assert classifier.rules() == forms[0].rules()
        for case in read(path)["cases"]:
            assert json.loads(classifier.classify_json(json.dumps(case["input"]))) == case["expect"]


@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.stem for p in DOCUMENTS])
def test_the_document_reads_back_from_its_printed_form(path: Path) -> None:
    # As core/tests/user_rules.rs: the user rules of `rules_json()` are a document again.
    classifier = classifier_for(path)
    printed = json.loads(classifier.rules_json())
    user_ids = {r.id for r in classifier.rules() if r.is_user}
    mine = [r for r in printed["rules"] if r["id"] in user_ids]
    again = errtriage.Classifier({"errtriage_rules": 1, "rules": mine})
    assert [r for r in again.rules() if r.is_user] == [r for r in classifier.rules() if r.is_user]


@pytest.mark.parametrize("case", [c for _, c in INVALID_CASES], ids=[i for i, _ in INVALID_CASES])
def test_invalid_document(case: dict[str, Any]) -> None:
    error = EXCEPTIONS[case["error"]["kind"]]
    for form in (case["rules_text"], case["rules_text"].encode("utf-8")):
        with pytest.raises(error) as raised:
            errtriage.Classifier(form)
        assert type(raised.value) is error
        assert str(raised.value) == case["error"]["message"]
        # The message names the field the core names.
        assert str(raised.value).startswith(case["error"]["field"])


@pytest.mark.parametrize("case", [c for _, c in INVALID_CASES], ids=[i for i, _ in INVALID_CASES])
def test_invalid_document_as_a_dict(case: dict[str, Any]) -> None:
    # A dict is serialised with json.dumps and read by the core: the same error, whenever the
    # text is a JSON object (a dict cannot hold what does not parse, or a non-object).
    try:
        parsed = json.loads(case["rules_text"])
    except ValueError:
        return
    if not isinstance(parsed, dict):
        return
    error = EXCEPTIONS[case["error"]["kind"]]
    with pytest.raises(error) as raised:
        errtriage.Classifier(parsed)
    assert str(raised.value) == case["error"]["message"]


@pytest.mark.parametrize(
    "rules, error, message",
    [
        (3, TypeError, "rules: expected str, bytes or dict, got int"),
        (None, TypeError, "rules: expected str, bytes or dict, got NoneType"),
        ([], TypeError, "rules: expected str, bytes or dict, got list"),
        (bytearray(EMPTY.encode()), TypeError, "rules: expected str, bytes or dict, got bytearray"),
        (b'{"errtriage_rules": 1, "rules": ["\xff"]}', ValueError, "rules: expected UTF-8 text, got "),
        ("{\udc80}", ValueError, "rules document is not valid JSON: unexpected character U+FFFD"),
        ({"errtriage_rules": 1, "rules": {1, 2}}, TypeError, "Object of type set is not JSON serializable"),
    ],
    ids=["int", "None", "list", "bytearray", "bytes not UTF-8", "lone surrogate", "dict not JSON"],
)
def test_wrong_arguments(rules: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error) as raised:
        errtriage.Classifier(rules)
    assert type(raised.value) is error
    assert str(raised.value).startswith(message), str(raised.value)


def test_no_argument_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        errtriage.Classifier()  # type: ignore[call-arg]


def test_user_rules_come_first_and_disabled_built_ins_are_gone() -> None:
    acme = errtriage.Classifier(ACME)
    rules = acme.rules()
    ids = [r.id for r in rules]
    user = [r["id"] for r in ACME["rules"]]
    assert ids[: len(user)] == user
    assert all(r.is_user for r in rules[: len(user)])
    assert not any(r.is_user for r in rules[len(user) :])
    for disabled in ACME["disable"]:
        assert disabled not in ids and acme.rule(disabled) is None
        assert errtriage.rule(disabled) is not None  # the module's model is untouched
    assert [r.id for r in rules[len(user) :]] == [
        r.id for r in errtriage.rules() if r.id not in ACME["disable"]
    ]


def test_rule_lookups() -> None:
    acme = errtriage.Classifier(ACME)
    quota = acme.rule("acme.quota_exceeded")
    assert quota is not None and quota.is_user
    assert (quota.category, quota.action) == ("rejected", "fix_configuration")
    assert quota.codes == ("QUOTA_EXCEEDED",)
    assert quota.source == 'Acme API "Errors" (QUOTA_EXCEEDED)'
    assert quota == acme.rule("acme.quota_exceeded") and hash(quota) == hash(acme.rule("acme.quota_exceeded"))
    assert repr(quota) == "Rule(id='acme.quota_exceeded', category='rejected', action='fix_configuration')"
    printed = json.loads(quota.to_json())
    assert printed["id"] == "acme.quota_exceeded" and printed["when"] == {"code": ["QUOTA_EXCEEDED"]}
    assert errtriage.rule("acme.quota_exceeded") is None  # the built-in model has no user rules
    assert acme.rule("nope.nope") is None
    # A built-in left on is the built-in rule itself.
    builtin = errtriage.rule("core.upstream_error")
    assert builtin is not None and not builtin.is_user
    assert acme.rule("core.upstream_error") == builtin
    assert json.loads(builtin.to_json())["id"] == "core.upstream_error"


def test_a_rule_copied_from_its_printed_form_decides_the_same() -> None:
    builtin = errtriage.rule("core.upstream_error")
    assert builtin is not None
    mine = json.loads(builtin.to_json())
    mine["id"] = "mine.upstream"
    mine["action"] = "escalate"
    ours = errtriage.Classifier({"errtriage_rules": 1, "rules": [mine]})
    body = b'{"error": {"code": "UPSTREAM_ERROR", "message": "Upstream failed"}}'
    verdict = ours.classify(502, body)
    assert (verdict.rule, verdict.action) == ("mine.upstream", "escalate")
    assert errtriage.classify(502, body).rule == "core.upstream_error"


def test_a_verdict_decided_by_a_user_rule() -> None:
    acme = errtriage.Classifier(ACME)
    body = b'{"code": "QUOTA_EXCEEDED", "message": "Monthly quota exceeded"}'
    verdict = acme.classify(429, body, {"x-request-id": "acme-1"})
    assert verdict.rule == "acme.quota_exceeded"
    assert verdict.hint == "The monthly quota is spent: raise it in the Acme console."
    assert verdict.to_dict() == json.loads(verdict.to_json())
    assert verdict == acme.classify(429, body, {"x-request-id": "acme-1"})
    assert hash(verdict) == hash(acme.classify(429, body, {"x-request-id": "acme-1"}))
    assert verdict != errtriage.classify(429, body, {"x-request-id": "acme-1"})
    assert copy.copy(verdict) is verdict and copy.deepcopy(verdict) is verdict
    # Pickling keeps the user's rule with the verdict (its rules-document form, read back by the
    # core), so the verdict comes back equal, rule and hint included.
    again = pickle.loads(pickle.dumps(verdict))
    assert again == verdict and again.hint == verdict.hint and again.to_json() == verdict.to_json()
    # A verdict a user's classifier decided with a built-in rule pickles as any built-in verdict.
    builtin = acme.classify(502, b'{"error": {"code": "UPSTREAM_ERROR", "message": "x"}}')
    assert builtin.rule == "core.upstream_error"
    assert pickle.loads(pickle.dumps(builtin)) == builtin
    # The across-attempts API takes it like any verdict.
    step = errtriage.RetryPolicy().start(seed=1).next(verdict)
    assert (step.kind, step.action) == ("stop", "fix_configuration")
    report = errtriage.escalation_report(429, body, history=[verdict])
    assert report.attempts[0]["rule"] == "acme.quota_exceeded"


def test_a_pickled_user_rule_is_checked_by_the_core() -> None:
    verdict = errtriage.Classifier(ACME).classify(429, b'{"code": "QUOTA_EXCEEDED"}')
    restore, (state, rule_json) = verdict.__reduce__()
    with pytest.raises(ValueError, match=r"^rules\[0\]\.action: "):
        restore(state, rule_json.replace('"fix_configuration"', '"wait"'))
    with pytest.raises(ValueError, match=r"^rule: "):
        restore((*state[:-1], "acme.other"), rule_json)


def test_transport_and_partial_responses() -> None:
    acme = errtriage.Classifier(ACME)
    verdict = acme.classify_transport("timeout", sent=True, method="POST")
    assert verdict == errtriage.classify_transport("timeout", sent=True, method="POST")
    cut_off: Any = {"kind": "reset", "sent": True, "detail": "connection reset"}
    verdict = acme.classify(503, b"{", {"x-acme-maintenance": "true"}, transport=cut_off)
    text = json.dumps(
        {"status": 503, "headers": {"x-acme-maintenance": "true"}, "body": "{", "transport": cut_off}
    )
    assert verdict.to_json() == acme.classify_json(text)
    assert verdict.rule == "acme.maintenance_header" and verdict.outcome == "unknown"


@pytest.mark.parametrize("case", [c for _, c in SHARED], ids=[i for i, _ in SHARED])
def test_the_shared_vectors_through_an_empty_document(case: dict[str, Any]) -> None:
    # No user rules, nothing disabled: the built-in model, byte for byte.
    empty = _classifiers.setdefault(Path("<empty>"), errtriage.Classifier(EMPTY))
    text = json.dumps(case["input"])
    assert empty.classify_json(text) == errtriage.classify_json(text)
    assert json.loads(empty.classify_json(text)) == case["expect"]
    assert classify_idiomatic(case["input"], via=empty) == classify_idiomatic(case["input"])


def test_an_empty_document_lists_the_built_ins() -> None:
    empty = errtriage.Classifier(EMPTY)
    assert empty.rules() == errtriage.rules()
    assert repr(empty) == f"Classifier(rules={len(errtriage.rules())}, user_rules=0)"


def test_classify_json_errors() -> None:
    acme = errtriage.Classifier(ACME)
    with pytest.raises(ValueError) as raised:
        acme.classify_json("{")
    with pytest.raises(ValueError) as builtin:
        errtriage.classify_json("{")
    assert str(raised.value) == str(builtin.value)
    with pytest.raises(TypeError, match=r"^text: expected str, got bytes"):
        acme.classify_json(b"{}")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"^status: "):
        acme.classify(700)


def test_immutable_and_shared_across_threads() -> None:
    acme = errtriage.Classifier(ACME)
    assert copy.copy(acme) is acme and copy.deepcopy(acme) is acme
    with pytest.raises(AttributeError):
        acme.rules = []  # type: ignore[method-assign]
    with pytest.raises(TypeError):
        pickle.dumps(acme)
    inputs = [json.dumps(c["input"]) for c in read(USER_RULES / "acme.json")["cases"]] * 50
    expected = [acme.classify_json(text) for text in inputs]
    with ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(acme.classify_json, inputs)) == expected
        # Classifiers built on several threads at once are independent and equal.
        built = list(pool.map(errtriage.Classifier, [ACME] * 16))
    assert all(c.rules_json() == acme.rules_json() for c in built)
