"""One version, checked: the workspace version (root Cargo.toml, [workspace.package]) must be
the version of every crate, the Python package, both npm packages (and their lock files, the
Node package's optional addon packages), and the dashboard's footer. Prints each place and
exits 1 on any drift. Run by scripts/test.sh first; `python3 scripts/check_version.py`.

To release a new version: change [workspace.package] version, then every place this lists.
Needs Python 3.11+ (tomllib).
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    cargo = tomllib.loads((ROOT / "Cargo.toml").read_text())
    version = cargo["workspace"]["package"]["version"]
    problems: list[str] = []
    checked = 0

    def expect(place: str, found: object) -> None:
        nonlocal checked
        checked += 1
        if found != version:
            problems.append(f"{place}: {found!r}, not the workspace version {version!r}")

    # Every crate of the workspace takes the workspace version.
    members = cargo["workspace"]["members"]
    lock = (ROOT / "Cargo.lock").read_text()
    for member in members:
        package = tomllib.loads((ROOT / member / "Cargo.toml").read_text())["package"]
        declared = package.get("version")
        if declared == {"workspace": True}:
            checked += 1
        else:
            expect(f"{member}/Cargo.toml [package] version", declared)
        lock_name = package["name"]
        match = re.search(rf'^name = "{re.escape(lock_name)}"\nversion = "([^"]+)"', lock, re.MULTILINE)
        expect(f"Cargo.lock {lock_name}", match and match.group(1))
    expect(
        "Cargo.toml [workspace.dependencies] errtriage",
        cargo["workspace"].get("dependencies", {}).get("errtriage", {}).get("version"),
    )

    # The Python package: maturin takes the version from Cargo (dynamic), never a second copy.
    project = tomllib.loads((ROOT / "bindings-python" / "pyproject.toml").read_text())["project"]
    checked += 1
    if "version" in project or "version" not in project.get("dynamic", []):
        problems.append('bindings-python/pyproject.toml: the version must be dynamic = ["version"] (Cargo)')

    # The npm packages and their lock files.
    platforms_js = (ROOT / "bindings-node" / "entry" / "platforms.cjs").read_text()
    platforms = re.findall(r"^  '([a-z0-9-]+)': \{ os:", platforms_js, re.MULTILINE)
    for package in ("bindings-node", "bindings-wasm"):
        manifest = json.loads((ROOT / package / "package.json").read_text())
        expect(f"{package}/package.json version", manifest.get("version"))
        npm_lock = json.loads((ROOT / package / "package-lock.json").read_text())
        expect(f"{package}/package-lock.json version", npm_lock.get("version"))
        expect(f'{package}/package-lock.json packages[""].version', npm_lock["packages"][""].get("version"))
        if package == "bindings-node":
            optional = manifest.get("optionalDependencies", {})
            wanted = sorted(f"errtriage-{p}" for p in platforms)
            checked += 1
            if sorted(optional) != wanted or not platforms:
                problems.append(
                    f"bindings-node/package.json optionalDependencies {sorted(optional)} "
                    f"are not the addon packages of entry/platforms.cjs {wanted}"
                )
            for name, spec in optional.items():
                expect(f"bindings-node/package.json optionalDependencies {name}", spec)
            for name, spec in npm_lock["packages"][""].get("optionalDependencies", {}).items():
                expect(f"bindings-node/package-lock.json optionalDependencies {name}", spec)
            for built in sorted((ROOT / package / "npm").glob("*/package.json")):
                expect(str(built.relative_to(ROOT)), json.loads(built.read_text()).get("version"))

    # The dashboard's footer.
    footer = re.findall(r"<span data-version>([^<]*)</span>", (ROOT / "dashboard" / "index.html").read_text())
    expect("dashboard/index.html footer", footer[0] if len(footer) == 1 else footer)

    for problem in problems:
        print(f"version drift: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"version {version}: the same in {checked} places")
    return 0


if __name__ == "__main__":
    sys.exit(main())
