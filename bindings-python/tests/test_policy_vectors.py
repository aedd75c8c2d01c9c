"""The shared vectors across attempts, through the idiomatic API of the installed package:
retry-policy scenarios (tests/vectors/policy/scenarios.json), the idempotency guard
(policy/idempotency.json) and the log fields and escalation reports (reports/reports.json)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import errtriage

from conftest import VECTORS, body_bytes, classify_idiomatic


def cases(path: Path) -> list[dict[str, Any]]:
    return list(json.loads(path.read_text(encoding="utf-8"))["cases"])


SCENARIOS = cases(VECTORS / "policy" / "scenarios.json")
IDEMPOTENCY = cases(VECTORS / "policy" / "idempotency.json")
REPORTS = cases(VECTORS / "reports" / "reports.json")


def ids(items: list[dict[str, Any]]) -> list[str]:
    return [c["name"] for c in items]


def test_the_vectors_are_there() -> None:
    # An empty file would make the parametrized tests below vanish rather than fail.
    assert len(SCENARIOS) >= 10 and len(IDEMPOTENCY) >= 3 and len(REPORTS) >= 5


@pytest.mark.parametrize("case", SCENARIOS, ids=ids(SCENARIOS))
def test_scenario(case: dict[str, Any]) -> None:
    policy = errtriage.RetryPolicy(**(case["policy"] or {}))
    budget = errtriage.RetryBudget(**case["budget"]) if case["budget"] is not None else None
    attempts = policy.start(seed=case["seed"])
    for i, step in enumerate(case["steps"]):
        expect = step["expect"]
        where = f"step {i + 1}"
        if step.get("success"):
            assert budget is not None, where
            budget.record_success()
        else:
            assert "draw" in step or case["seed"] is not None, f"{where}: no draw and no seed"
            verdict = classify_idiomatic(step["input"])
            if "call_ms" in step:  # the attempt's own time, as a helper measures and reports it
                attempts.record_call_ms(step["call_ms"])
            got = attempts.next(verdict, draw=step.get("draw"), budget=budget)
            want = {k: v for k, v in expect.items() if k != "tokens"}
            seen = {"step": got.kind}
            if got.kind == "retry":
                seen["delay_ms"] = got.delay_ms
            elif got.kind == "stop":
                seen |= {"action": got.action, "reason": got.reason}
                assert got.reason is not None and got.message is not None
                assert got.reason in errtriage.STOP_REASONS
            assert seen == want, where
        if "tokens" in expect:
            assert budget is not None and budget.tokens == expect["tokens"], where


@pytest.mark.parametrize("case", IDEMPOTENCY, ids=ids(IDEMPOTENCY))
def test_idempotency(case: dict[str, Any]) -> None:
    guard = errtriage.IdempotencyGuard(case["capacity"])
    for i, op in enumerate(case["ops"]):
        where = f"op {i + 1}"
        expect = op.get("expect", {})
        if "key_for" in op:
            key = guard.key_for(op["key_for"], random=bytes.fromhex(op["random_hex"]))
            assert key == expect["key"], where
            # The same payload as bytes is the same payload.
            assert guard.key_for(op["key_for"].encode(), random=bytes(16)) == key, where
        elif "check" in op:
            check = op["check"]
            if "error" in expect:
                error = expect["error"]
                assert error["kind"] == "value" and error["field"] == "idempotency_key"
                with pytest.raises(ValueError) as raised:
                    guard.check(check["key"], check["payload"])
                assert str(raised.value) == error["message"], where
            else:
                assert expect == {"ok": True}
                assert guard.check(check["key"], check["payload"]) is None, where
        elif "forget" in op:
            guard.forget(op["forget"])
        elif "len" in op:
            assert len(guard) == op["len"], where
        else:
            raise AssertionError(f"{where}: unknown operation {op}")


def call_arguments(input: dict[str, Any]) -> tuple[tuple[Any, ...], dict[str, Any]]:
    """A JSON-form input as positional and keyword arguments of log_fields / escalation_report."""
    kwargs: dict[str, Any] = dict(input.get("request") or {})
    kwargs["now"] = input.get("now")
    if input.get("transport") is not None:
        kwargs["transport"] = input["transport"]
    return (input.get("status"), body_bytes(input), input.get("headers")), kwargs


@pytest.mark.parametrize("case", REPORTS, ids=ids(REPORTS))
def test_log_fields(case: dict[str, Any]) -> None:
    args, kwargs = call_arguments(case["input"])
    fields = errtriage.log_fields(*args, **kwargs)
    assert fields == case["expect"]["log_fields"]
    assert list(fields) == [
        "endpoint",
        "method",
        "status",
        "request_timestamp",
        "request_id",
        "message_id",
        "external_reference",
        "idempotency_key",
    ]


@pytest.mark.parametrize("case", REPORTS, ids=ids(REPORTS))
def test_escalation_report(case: dict[str, Any]) -> None:
    args, kwargs = call_arguments(case["input"])
    report = errtriage.escalation_report(
        *args, **kwargs, history=case["history"], reproduces=case["reproduces"]
    )
    expect = case["expect"]
    assert report.to_dict() == expect["report"]
    assert json.loads(report.to_json()) == expect["report"]
    assert report.text == expect["text"] == str(report)
    # Attributes agree with the structured form.
    data = report.to_dict()
    for name in ["endpoint", "method", "status", "request_id", "shape", "action", "rule", "body"]:
        assert getattr(report, name) == data[name], name
    assert report.transport == data["transport"]
    assert report.attempts == data["attempts"]
    assert [list(pair) for pair in report.headers] == data["headers"]
    assert report == errtriage.escalation_report(
        *args, **kwargs, history=case["history"], reproduces=case["reproduces"]
    )


@pytest.mark.parametrize("case", REPORTS, ids=ids(REPORTS))
def test_history_from_verdicts_gives_the_same_records(case: dict[str, Any]) -> None:
    """A history given as Verdicts lists exactly what their records say."""
    args, kwargs = call_arguments(case["input"])
    verdict = classify_idiomatic(case["input"])
    report = errtriage.escalation_report(*args, **kwargs, history=[verdict, verdict])
    last = report.attempts[-1]
    assert report.attempts[:2] == [dict(last, attempt=1), dict(last, attempt=2)]
    assert (last["status"], last["rule"], last["action"]) == (verdict.status, verdict.rule, verdict.action)


OPERATIONS = cases(VECTORS / "policy" / "operations.json")
CLIENT_ERRORS = cases(VECTORS / "policy" / "client_errors.json")


def _operation(case: dict[str, Any]) -> errtriage.Operation:
    options = case.get("options") or {}
    policy = errtriage.RetryPolicy(**options["policy"]) if options.get("policy") else None
    return errtriage.Operation(
        policy,
        seed=options.get("seed"),
        can_refresh=bool(options.get("can_refresh")),
        **(options.get("request") or {}),
    )


def _step_as_vector(
    op: errtriage.Operation, step: errtriage.Step, number: int, want: dict[str, Any]
) -> dict[str, Any]:
    verdict = op.last_verdict if step.kind != "done" else None
    whole = {
        "step": step.kind,
        "delay_ms": step.delay_ms,
        "action": step.action,
        "reason": step.reason,
        "message": op.stop_message if step.kind == "stop" else None,
        "attempt": number,
        "elapsed_ms": op.elapsed_ms,
        "rule": None if verdict is None or want.get("rule", 0) is None else verdict.rule,
    }
    return {k: whole[k] for k in want}


@pytest.mark.parametrize("case", OPERATIONS, ids=ids(OPERATIONS))
def test_operation_scenario(case: dict[str, Any]) -> None:
    if "error" in case:
        with pytest.raises(ValueError) as raised:
            _operation(case)
        assert str(raised.value) == case["error"]
        return
    op = _operation(case)
    budget = errtriage.RetryBudget(**case["budget"]) if case.get("budget") else None
    for a in case["attempts"]:
        attempt = dict(a["attempt"])
        sent = attempt.pop("request", None) or {}
        payload = attempt.pop("payload", None)
        call_ms = attempt.pop("call_ms", None)
        transport = attempt.pop("transport", None)
        body_cut = attempt.pop("body_cut", None)
        timed_out_ms = attempt.pop("timed_out_ms", None)
        number = op.attempt  # the attempt about to be fed
        try:
            if sent or payload is not None:
                op.observe(payload=payload, **sent)
            if call_ms is not None:
                op.record_call_ms(call_ms)
            step = op.feed(
                attempt.pop("status", None),
                attempt.pop("body", None),
                attempt.pop("headers", None),
                transport=transport,
                body_cut=body_cut,
                timed_out_ms=timed_out_ms,
                now=attempt.pop("now", None),
                draw=a.get("draw"),
                budget=budget,
            )
        except ValueError as e:
            assert "error" in a, str(e)
            assert str(e) == a["error"]
            continue
        assert not attempt, f"unread members {attempt}"
        assert "error" not in a, f"a step, expected the error {a['error']}"
        assert _step_as_vector(op, step, number, a["expect"]) == a["expect"]
        if "tokens" in a:
            assert budget is not None and budget.tokens == a["tokens"]
    history = [v.rule for v in op.history]
    assert len(history) == len(case["history"])
    assert all(w is None or w == g for g, w in zip(history, case["history"], strict=True))


@pytest.mark.parametrize(
    "case", [c for c in OPERATIONS if "error" not in c], ids=ids([c for c in OPERATIONS if "error" not in c])
)
def test_operation_scenario_in_the_json_form(case: dict[str, Any]) -> None:
    op = _operation(case)
    budget = errtriage.RetryBudget(**case["budget"]) if case.get("budget") else None
    for a in case["attempts"]:
        try:
            out = json.loads(op.feed_json(json.dumps(a["attempt"]), draw=a.get("draw"), budget=budget))
        except ValueError as e:
            assert str(e) == a.get("error")
            continue
        verdict = out.pop("verdict")
        out["rule"] = None if verdict is None or a["expect"].get("rule", 0) is None else verdict["rule"]
        assert {k: out.get(k) for k in a["expect"]} == a["expect"]


@pytest.mark.parametrize("case", CLIENT_ERRORS, ids=ids(CLIENT_ERRORS))
def test_client_error(case: dict[str, Any]) -> None:
    want = case["expect"]
    got = errtriage.transport_failure(case["names"], case["message"])
    assert got == (None if want is None else (want["kind"], want["sent"]))
