"""The shipped type stubs against the compiled module: mypy's stubtest for every name and
signature, the Literal vocabularies against the core's word lists, and a strict type check of
code written against the stubs."""

from __future__ import annotations

import ast
import runpy
import subprocess
import sys
import typing
from pathlib import Path

import pytest

import errtriage

from conftest import BINDING

STUB = Path(errtriage.__file__).resolve().parent / "__init__.pyi"
VOCABULARIES = {
    "Shape": "SHAPES",
    "Category": "CATEGORIES",
    "Action": "ACTIONS",
    "Outcome": "OUTCOMES",
    "TransportKind": "TRANSPORT_KINDS",
    "Auth": "AUTHS",
    "StopReason": "STOP_REASONS",
    "StepKind": "STEP_KINDS",
}


def stub_literals() -> dict[str, tuple[str, ...]]:
    """`Name: TypeAlias = Literal[...]` assignments of the stub, as tuples of their words."""
    out = {}
    for node in ast.parse(STUB.read_text(encoding="utf-8")).body:
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and isinstance(node.value, ast.Subscript)
            and isinstance(node.value.value, ast.Name)
            and node.value.value.id == "Literal"
        ):
            elements = (
                node.value.slice.elts if isinstance(node.value.slice, ast.Tuple) else [node.value.slice]
            )
            out[node.target.id] = tuple(ast.literal_eval(e) for e in elements)
    return out


@pytest.mark.parametrize("alias, words", VOCABULARIES.items())
def test_literal_types_match_the_core(alias: str, words: str) -> None:
    runtime_words = getattr(errtriage, words)
    assert stub_literals()[alias] == runtime_words
    assert typing.get_args(getattr(errtriage, alias)) == runtime_words


def test_every_literal_alias_is_checked() -> None:
    assert set(stub_literals()) == set(VOCABULARIES)


def test_stubtest() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy.stubtest",
            "errtriage",
            "--allowlist",
            str(BINDING / "stubtest-allowlist.txt"),
            "--ignore-unused-allowlist",
        ],
        capture_output=True,
        text=True,
        cwd=BINDING / "tests",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_typed_usage_passes_mypy_strict() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            str(BINDING / "tests" / "typed_usage.py"),
        ],
        capture_output=True,
        text=True,
        cwd=BINDING / "tests",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_package_passes_mypy_strict() -> None:
    """The stubs and the pure-Python retry loop (errtriage/retrying.py) check together."""
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "-p", "errtriage"],
        capture_output=True,
        text=True,
        cwd=BINDING / "tests",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_typed_usage_runs() -> None:
    runpy.run_path(str(BINDING / "tests" / "typed_usage.py"))
