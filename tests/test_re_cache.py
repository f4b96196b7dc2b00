"""envguard._re: compiled patterns kept across processes must behave exactly like re's,
survive damage, and never hold a secret."""

from __future__ import annotations

import json
import marshal
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from egtest import write_project

from envguard import _re, providers

PATTERNS = [
    (r"(?P<scheme>[a-z][a-z0-9+.-]*)://(?:(?P<user>[^:@/]*)(?::(?P<pw>[^@/]*))?@)?(?P<host>[^/:?#]+)", 0),
    (r"sk_(?:live|test)_[0-9A-Za-z]{10,247}", 0),
    (r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=", re.MULTILINE),
    (r"(?i)your[-_ ]?(?:key|secret)", 0),
    (r"-----BEGIN ([A-Z0-9 ]{1,40})-----(.*?)-----END \1-----", re.DOTALL),
    (r"[\u00e9\u00e8]+|caf\u00e9", re.IGNORECASE),
]
SAMPLES = [
    "postgres://app:pw@db.example.com:5432/app",
    "sk_live_" + "a" * 24,
    "  export FOO=1\nBAR=2",
    "YOUR-KEY here",
    "-----BEGIN RSA PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY-----",
    "CAFÉ",
    "",
]


def _same(a: re.Pattern[str], b: re.Pattern[str]) -> None:
    assert (a.pattern, a.flags, a.groups, a.groupindex) == (b.pattern, b.flags, b.groups, b.groupindex)
    for text in SAMPLES:
        for method in ("match", "search", "fullmatch"):
            ma, mb = getattr(a, method)(text), getattr(b, method)(text)
            assert (ma and (ma.span(), ma.groups())) == (mb and (mb.span(), mb.groups()))
        assert a.findall(text) == b.findall(text)
        assert a.sub("#", text) == b.sub("#", text)


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
def test_generated_pattern_is_re_s_own(pattern: str, flags: int) -> None:
    if not _re._FAST:
        pytest.skip("no fast path on this interpreter")
    compiled, entry = _re._generate(pattern, flags)
    _same(compiled, re.compile(pattern, flags))
    # The stored form, through marshal as on disk, rebuilds the same pattern.
    restored = _re._sre.compile(pattern, *marshal.loads(marshal.dumps(entry)))
    _same(restored, re.compile(pattern, flags))


def test_every_provider_pattern_round_trips() -> None:
    if not _re._FAST:
        pytest.skip("no fast path on this interpreter")
    rng = random.Random(4)
    for fmt in providers._FORMATS:
        _, entry = _re._generate(fmt.pattern, 0)
        restored = _re._sre.compile(fmt.pattern, *marshal.loads(marshal.dumps(entry)))
        if fmt.fake is None:
            continue
        value = fmt.generate(rng, "live")
        assert bool(restored.fullmatch(value)) == bool(re.fullmatch(fmt.pattern, value)) is True, fmt.name


def test_invalid_patterns_raise_re_error() -> None:
    with pytest.raises(re.error):
        _re.compile("a(b")


def _run(code: str, cache: Path) -> str:
    env = {**os.environ, "ENVGUARD_CACHE_DIR": str(cache)}
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return proc.stdout


def test_patterns_are_reused_by_the_next_process(tmp_path: Path) -> None:
    if not _re._FAST:
        pytest.skip("no fast path on this interpreter")
    code = (
        "import json\nfrom envguard import _re\n"
        "p = _re.compile(r'(?P<k>[A-Z_]+)=(?P<v>.*)')\n"
        "print(json.dumps([(r'(?P<k>[A-Z_]+)=(?P<v>.*)', 0) in _re._stored, p.match('A=1').group('v')]))\n"
    )
    first = json.loads(_run(code, tmp_path))
    assert first == [False, "1"]
    assert (tmp_path / "regex.marshal").is_file()
    second = json.loads(_run(code, tmp_path))
    assert second == [True, "1"]


@pytest.mark.parametrize("damage", [b"", b"not marshal", marshal.dumps(("other-python", {})), None])
def test_a_damaged_or_foreign_cache_is_ignored(tmp_path: Path, damage: bytes | None) -> None:
    path = tmp_path / "regex.marshal"
    if damage is None:
        # Entries that claim this interpreter but hold code the matcher rejects.
        key = (r"a+b", 0)
        path.write_bytes(marshal.dumps((None, {key: (0, [1, 2, 3], 0, {}, (None,))})))
        tag = _run("from envguard import _re; print(repr(_re._tag()))", tmp_path)
        bad = {key: (32, [999, 999, 999], 0, {}, (None,))}
        path.write_bytes(marshal.dumps((eval(tag), bad)))
    else:
        path.write_bytes(damage)
    out = _run("from envguard import _re; print(bool(_re.compile(r'a+b').fullmatch('aab')))", tmp_path)
    assert out.strip() == "True"


def test_no_secret_value_reaches_the_pattern_cache(tmp_path: Path) -> None:
    """check, load, env-files, scan and redact over a project full of secrets: the cache
    file holds envguard's own patterns, never a value."""
    rng = random.Random(11)
    secrets = {
        "STRIPE_SECRET_KEY": providers.get("stripe-secret-key").generate(rng, "live"),
        "SESSION_SECRET": "".join(rng.choice("abcdefghijkmnopqrstuvwxyz0123456789") for _ in range(40)),
        "DATABASE_URL": "postgres://app:"
        + "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(20))
        + "@db.prod.example.com:5432/app",
    }
    project = write_project(
        tmp_path / "p",
        {
            ".env": "".join(f"{k}={v}\n" for k, v in secrets.items()),
            "app.py": f"KEY = '{secrets['STRIPE_SECRET_KEY']}'\n",
        },
    )
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    cache = tmp_path / "cache"
    code = (
        "import logging, envguard, sys\n"
        "from envguard.cli import main\n"
        "for argv in (['check', '-e', 'production'], ['env-files', '.env'], ['scan', '.']):\n"
        "    try:\n        main(argv)\n    except SystemExit:\n        pass\n"
        "try:\n    envguard.load(environment='production')\nexcept ValueError:\n    pass\n"
        "envguard.redact.add('SESSION_SECRET', sys.argv[1])\n"
        "assert sys.argv[1] not in envguard.redact('x ' + sys.argv[1])\n"
    )
    env = {**os.environ, "ENVGUARD_CACHE_DIR": str(cache)}
    proc = subprocess.run(
        [sys.executable, "-c", code, secrets["SESSION_SECRET"]], cwd=project, env=env, capture_output=True, check=False
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    if not _re._FAST:
        return
    data = (cache / "regex.marshal").read_bytes()
    assert len(data) > 1000  # the run did store envguard's patterns
    for name, value in secrets.items():
        for form in (value, re.escape(value), value[8:30]):
            assert form.encode() not in data, f"{name} (as a pattern) reached the regex cache"
