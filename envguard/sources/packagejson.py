"""Reading package.json: dependencies with their lines, the ``prisma`` key, workspaces.

Pure and tolerant: :func:`parse_package_json` returns what it could read and a list of
problems; it never raises. ``json`` gives the values, a small string-aware scanner gives
the line of every key two levels deep (``dependencies.pg``) so findings can point at it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from envguard.core.record import Record
from envguard.sources.discovery import workspace_dirs as workspace_dirs

DEP_SECTIONS = ("dependencies", "devDependencies", "peerDependencies", "optionalDependencies")


class Dependency(Record):
    name: str
    spec: str
    section: str
    line: int | None


class PackageJson(Record):
    path: Path
    display: str
    name: str | None
    dependencies: tuple[Dependency, ...]
    prisma_schema: str | None
    prisma_schema_line: int | None
    workspaces: tuple[str, ...]
    problems: tuple[tuple[int | None, str], ...]

    def dependency(self, name: str) -> Dependency | None:
        """The dependency by name; runtime sections win over devDependencies."""
        found = [d for d in self.dependencies if d.name == name]
        if not found:
            return None
        found.sort(key=lambda d: DEP_SECTIONS.index(d.section))
        return found[0]

    def has(self, name: str) -> bool:
        return self.dependency(name) is not None


def key_lines(text: str, max_depth: int = 2) -> dict[tuple[str, ...], int]:
    """The 1-based line of each object key up to ``max_depth`` levels, by key path."""
    out: dict[tuple[str, ...], int] = {}
    stack: list[str | None] = []  # None for arrays, the pending key path part for objects
    path: list[str] = []
    i = 0
    n = len(text)
    line = 1
    last_string: tuple[str, int] | None = None
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
        elif c == '"':
            j = i + 1
            buf: list[str] = []
            while j < n and text[j] != '"':
                if text[j] == "\\" and j + 1 < n:
                    buf.append(text[j : j + 2])
                    j += 2
                    continue
                if text[j] == "\n":
                    line += 1
                buf.append(text[j])
                j += 1
            try:
                decoded = json.loads('"' + "".join(buf) + '"')
            except ValueError:
                decoded = "".join(buf)
            last_string = (decoded, line)
            i = j + 1
            continue
        elif c == ":":
            if last_string is not None and stack and stack[-1] is not None:
                key, key_line = last_string
                stack[-1] = key
                full = (*path, key)
                if len(full) <= max_depth:
                    out.setdefault(full, key_line)
            last_string = None
        elif c == "{":
            if stack and stack[-1] is not None:
                path.append(stack[-1])
            elif stack:
                path.append("[]")
            stack.append("")
        elif c == "[":
            if stack and stack[-1] is not None:
                path.append(stack[-1])
            elif stack:
                path.append("[]")
            stack.append(None)
        elif c in "}]":
            if stack:
                stack.pop()
            if path:
                path.pop()
        elif c == ",":
            last_string = None
        i += 1
    return out


def parse_package_json(text: str, path: Path, display: str) -> PackageJson:
    problems: list[tuple[int | None, str]] = []
    try:
        data = json.loads(text)
    except ValueError as exc:
        line = getattr(exc, "lineno", None)
        return PackageJson(path, display, None, (), None, None, (), ((line, "not valid JSON"),))
    if not isinstance(data, dict):
        return PackageJson(path, display, None, (), None, None, (), ((1, "not a JSON object"),))
    lines = key_lines(text)
    deps: list[Dependency] = []
    for section in DEP_SECTIONS:
        block = data.get(section)
        if block is None:
            continue
        if not isinstance(block, dict):
            problems.append((lines.get((section,)), f"'{section}' is not an object"))
            continue
        for name, spec in block.items():
            deps.append(Dependency(str(name), str(spec), section, lines.get((section, str(name)))))
    prisma_schema: str | None = None
    prisma_line: int | None = None
    prisma = data.get("prisma")
    if isinstance(prisma, dict) and isinstance(prisma.get("schema"), str):
        prisma_schema = prisma["schema"]
        prisma_line = lines.get(("prisma", "schema"))
    workspaces: list[str] = []
    ws = data.get("workspaces")
    if isinstance(ws, dict):  # yarn classic: {"packages": [...]}
        ws = ws.get("packages")
    if isinstance(ws, list):
        workspaces = [w for w in ws if isinstance(w, str)]
    name = data.get("name") if isinstance(data.get("name"), str) else None
    return PackageJson(path, display, name, tuple(deps), prisma_schema, prisma_line, tuple(workspaces), tuple(problems))


def workspace_globs(root: Path, pkg: PackageJson | None, read_text: Iterable[str] = ()) -> list[str]:
    """Workspace globs from package.json and pnpm-workspace.yaml text (passed in)."""
    globs = list(pkg.workspaces) if pkg else []
    for text in read_text:
        # pnpm-workspace.yaml: "packages:\n  - 'apps/*'"; a tolerant read, no YAML needed.
        in_packages = False
        for raw in text.splitlines():
            stripped = raw.strip()
            if not raw.startswith((" ", "\t", "-")):
                in_packages = stripped.startswith("packages:")
                continue
            if in_packages and stripped.startswith("-"):
                item = stripped[1:].strip().strip("'\"")
                if item and not item.startswith("!"):
                    globs.append(item)
    return list(dict.fromkeys(globs))
