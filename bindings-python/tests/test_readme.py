"""The README's Python examples run, in order, in one namespace, with the network switched off;
and they pass a strict type check against the shipped stubs."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import BINDING

README = BINDING / "README.md"


def python_blocks() -> list[str]:
    blocks = re.findall(r"^```python\n(.*?)^```", README.read_text(encoding="utf-8"), re.M | re.S)
    assert len(blocks) >= 5, "the README's Python examples were not found"
    return blocks


def test_readme_examples_run_offline(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Loopback only: the PySpark example talks to its own JVM on 127.0.0.1 (py4j).
    connect, getaddrinfo = socket.socket.connect, socket.getaddrinfo

    def loopback(host: object) -> bool:
        return host in ("localhost", "127.0.0.1", "::1")

    def no_network_connect(self: socket.socket, address: Any) -> None:
        if self.family == socket.AF_UNIX or (isinstance(address, tuple) and loopback(address[0])):
            return connect(self, address)
        raise AssertionError("a README example tried to use the network")

    def no_network_lookup(host: Any, *args: Any, **kwargs: Any) -> Any:
        if loopback(host):
            return getaddrinfo(host, *args, **kwargs)
        raise AssertionError("a README example tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", no_network_connect)
    monkeypatch.setattr(socket, "getaddrinfo", no_network_lookup)
    namespace: dict[str, object] = {"__name__": "readme"}
    for i, block in enumerate(python_blocks()):
        code = compile(block, f"{README.name} python block {i + 1}", "exec")
        exec(code, namespace)
    assert "core.upstream_error" in capsys.readouterr().out


def test_readme_examples_type_check(tmp_path: Path) -> None:
    source = tmp_path / "readme_examples.py"
    source.write_text("\n\n".join(python_blocks()), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--warn-unused-ignores", str(source)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
