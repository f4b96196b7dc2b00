from __future__ import annotations

import re

import pytest

from envguard.checking.policy import Selection
from envguard.core.errors import UsageError
from envguard.rules import registry
from envguard.rules.base import SECTIONS
from envguard.rules.docgen import main as docgen_main

RULES = registry.all_rules()


def test_codes_and_names_are_unique_and_well_formed() -> None:
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)
    for rule in RULES:
        assert re.fullmatch(r"EG\d{3}", rule.code)
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name), rule.name


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_every_rule_is_documented(rule: type) -> None:
    sections = rule.sections()  # type: ignore[attr-defined]
    assert set(sections) == set(SECTIONS), f"{rule.code} misses {set(SECTIONS) - set(sections)}"  # type: ignore[attr-defined]
    for title in SECTIONS:
        assert sections[title].strip(), f"{rule.code}: empty section {title}"  # type: ignore[attr-defined]
    assert rule.summary.endswith(".")  # type: ignore[attr-defined]


def test_docs_rules_are_generated_from_the_registry() -> None:
    assert docgen_main(["--check"]) == 0, "run `python -m envguard.rules.docgen`"


@pytest.mark.parametrize(
    ("select", "ignore", "extend", "code", "enabled"),
    [
        ((), (), (), "EG101", True),
        ((), (), (), "EG013", False),
        (("EG1",), (), (), "EG101", True),
        (("EG1",), (), (), "EG001", False),
        (("EG1",), ("EG101",), (), "EG101", False),
        (("EG1",), ("EG10",), (), "EG105", False),  # EG10 is more specific than EG1
        (("EG1",), ("EG10",), (), "EG110", True),
        (("EG101",), ("EG1",), (), "EG101", True),  # the longer selector wins
        ((), ("EG0",), ("EG013",), "EG013", True),
        (("EG0",), (), (), "EG013", False),
        (("ALL",), (), (), "EG017", True),
        (("comment-as-value",), (), (), "EG017", True),
    ],
)
def test_selection(
    select: tuple[str, ...], ignore: tuple[str, ...], extend: tuple[str, ...], code: str, enabled: bool
) -> None:
    assert Selection(select, ignore, extend).enabled(code) is enabled


@pytest.mark.parametrize("bad", ["XX1", "EG1234", "no-such-rule"])
def test_bad_selectors(bad: str) -> None:
    with pytest.raises(UsageError):
        Selection([bad])


def test_runtime_checks_are_a_declared_subset_of_each_family() -> None:
    from envguard.rules import families

    for module in families():
        checks = getattr(module, "CHECKS", ())
        runtime = getattr(module, "RUNTIME_CHECKS", checks)
        assert set(runtime) <= set(checks), module.__name__
        if checks:
            # Every family with checks decides explicitly what runs at app start.
            assert hasattr(module, "RUNTIME_CHECKS"), f"{module.__name__} declares no RUNTIME_CHECKS"
