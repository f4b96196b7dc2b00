"""Generate ``docs/rules/`` from the rule registry (the docstrings are the source).

    python -m envguard.rules.docgen          # rewrite docs/rules/
    python -m envguard.rules.docgen --check  # exit 1 if docs/rules/ is stale

``tests/test_docs.py`` runs the check, so a rule change without regenerated docs fails CI.
"""

from __future__ import annotations

import sys
from pathlib import Path

from envguard.rules import registry
from envguard.rules.base import SECTIONS, Rule

_FAMILIES = {
    "EG0": "Env file syntax",
    "EG1": "Schema and types",
    "EG2": "Secret strength",
    "EG3": "Leaks and exposure",
    "EG4": "Cross-file mismatches",
    "EG5": "Encryption",
}


def rule_page(rule: type[Rule]) -> str:
    sections = rule.sections()
    state = "on" if rule.default_enabled else "off (select it explicitly)"
    lines = [
        f"# {rule.code} {rule.name}",
        "",
        f"{rule.summary}",
        "",
        f"- Default severity: **{rule.severity.label}**",
        f"- Enabled by default: {state}",
        f"- Family: {_FAMILIES.get(rule.code[:3], 'Other')}",
        f"- Suppress inline: `# envguard: ignore[{rule.code}]`",
        "",
    ]
    for title in SECTIONS:
        body = sections.get(title)
        if body is None:
            continue
        lines += [f"## {title}", "", body.strip(), ""]
    return "\n".join(lines).rstrip() + "\n"


def index_page() -> str:
    lines = ["# Rules", "", "Generated from the rule registry by `python -m envguard.rules.docgen`; do not edit.", ""]
    current = None
    for rule in registry.all_rules():
        family = rule.code[:3]
        if family != current:
            current = family
            lines += [
                "",
                f"## {family}xx: {_FAMILIES.get(family, 'Other')}",
                "",
                "| Code | Name | Severity | Summary |",
                "|---|---|---|---|",
            ]
        off = " (off by default)" if not rule.default_enabled else ""
        lines.append(f"| [{rule.code}]({rule.code}.md) | `{rule.name}` | {rule.severity.label} | {rule.summary}{off} |")
    return "\n".join(lines).strip() + "\n"


def expected_files() -> dict[str, str]:
    files = {"README.md": index_page()}
    for rule in registry.all_rules():
        files[f"{rule.code}.md"] = rule_page(rule)
    return files


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = Path(__file__).resolve().parents[2] / "docs" / "rules"
    files = expected_files()
    if "--check" in args:
        stale = sorted(
            name
            for name, text in files.items()
            if not (target / name).is_file() or (target / name).read_text(encoding="utf-8") != text
        )
        extra = sorted(p.name for p in target.glob("*.md") if p.name not in files) if target.is_dir() else []
        if stale or extra:
            print(f"docs/rules is stale: {', '.join(stale + extra)}; run `python -m envguard.rules.docgen`")
            return 1
        return 0
    target.mkdir(parents=True, exist_ok=True)
    for old in target.glob("*.md"):
        if old.name not in files:
            old.unlink()
    for name, text in files.items():
        (target / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(files)} files to docs/rules/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
