"""envguard codegen: a typed settings class (or stub) from the schema."""

from __future__ import annotations

import ast
import datetime
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from egtest import chdir, run
from pydantic import AnyUrl, SecretStr
from runtime.rthelp import project, token

from envguard.core.errors import InvalidSettingsError
from envguard.runtime.codegen import MARKER, attr_name

SCHEMA = """
variables:
  PORT: {type: port, default: "3000"}
  DEBUG: {type: bool, required: true, description: 'Debug "pages"; never in production.'}
  API_URL: {type: url, default: https://api.example.com}
  TOKEN_TTL: {type: duration, default: 15m}
  HOSTS: {type: list, items: host, default: localhost}
  APP_SECRET: {type: secret, required: [production]}
  TENANT: {type: uuid}
  DATA_DIR: {type: path, default: /var/lib/app}
  FLAGS: {type: json}
  my-weird.name: {type: int}
"""


def _import(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def test_generates_a_module_that_loads(tmp_path: Path) -> None:
    secret = token()
    project(tmp_path, f"DEBUG=true\nAPP_SECRET={secret}\nEXTRA_THING=1\nmy-weird.name=7\n", SCHEMA)
    with chdir(tmp_path):
        code, _out, err = run("codegen", "-o", "app_settings.py")
    assert code == 0, err
    assert "wrote app_settings.py" in err
    source = (tmp_path / "app_settings.py").read_text()
    assert source.startswith(MARKER)
    assert secret not in source
    ast.parse(source)
    assert "    PORT: int = 3000\n" in source
    assert "    DEBUG: bool\n" in source  # required everywhere: not Optional
    assert "    APP_SECRET: SecretStr | None = None\n" in source  # required in production only
    assert "    TOKEN_TTL: datetime.timedelta = datetime.timedelta(seconds=900.0)\n" in source
    assert "    API_URL: AnyUrl = AnyUrl('https://api.example.com')\n" in source
    assert "    my_weird_name: int | None = Field(None, alias='my-weird.name')\n" in source
    assert "    EXTRA_THING: str | None = None\n" in source  # found in the env file
    assert '    """Debug "pages"; never in production."""\n' in source

    module = _import(tmp_path / "app_settings.py", "app_settings_gen")
    s = module.load(root=tmp_path, from_environ=False)
    assert isinstance(s, module.Settings)
    assert s.PORT == 3000
    assert s.DEBUG is True
    assert isinstance(s.API_URL, AnyUrl)
    assert str(s.API_URL) == "https://api.example.com"
    assert datetime.timedelta(minutes=15) == s.TOKEN_TTL
    assert s.HOSTS == ["localhost"]
    assert Path("/var/lib/app") == s.DATA_DIR
    assert isinstance(s.APP_SECRET, SecretStr)
    assert s.APP_SECRET.get_secret_value() == secret
    assert s.my_weird_name == 7

    (tmp_path / ".env").write_text("DEBUG=maybe\n")
    with pytest.raises(InvalidSettingsError) as info:
        module.load(root=tmp_path, from_environ=False)
    assert [(f.code, f.variable) for f in info.value.findings] == [("EG102", "DEBUG")]


def test_generated_module_passes_mypy_strict_and_ruff(tmp_path: Path) -> None:
    project(tmp_path, "DEBUG=true\n", SCHEMA)
    with chdir(tmp_path):
        assert run("codegen", "-o", "app_settings.py")[0] == 0
    (tmp_path / "use.py").write_text(
        "import datetime\n"
        "from pydantic import SecretStr\n"
        "from app_settings import load\n\n"
        "s = load()\n"
        "port: int = s.PORT\n"
        "ttl: datetime.timedelta = s.TOKEN_TTL\n"
        "secret: SecretStr | None = s.APP_SECRET\n"
        "debug: bool = s.DEBUG\n"
    )
    (tmp_path / "wrong.py").write_text("from app_settings import load\n\nname: str = load().PORT\n")
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "MYPYPATH": str(tmp_path)}
    mypy = [str(bin_dir / "mypy"), "--strict", "--no-incremental", "--cache-dir", os.devnull]
    ok = subprocess.run([*mypy, "use.py"], cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    bad = subprocess.run([*mypy, "wrong.py"], cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
    assert bad.returncode == 1
    assert 'expression has type "int"' in bad.stdout
    ruff = shutil.which("ruff", path=str(bin_dir)) or "ruff"
    lint = subprocess.run(
        [ruff, "check", "--no-cache", "--select", "E,F,W,I,UP", "app_settings.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert lint.returncode == 0, lint.stdout


def test_stub(tmp_path: Path) -> None:
    project(tmp_path, "DEBUG=true\n", SCHEMA)
    with chdir(tmp_path):
        code, _, err = run("codegen", "-o", "config.pyi")
    assert code == 0, err
    stub = (tmp_path / "config.pyi").read_text()
    ast.parse(stub)
    assert "    PORT: int\n" in stub
    assert "    APP_SECRET: SecretStr | None\n" in stub
    assert "\nsettings: Settings\n" in stub
    assert "def load(**kwargs: Any) -> Settings: ..." in stub
    with chdir(tmp_path):
        code, out, _ = run("codegen", "--stub", "--variable", "", "--class-name", "Config")
    assert code == 0
    assert "class Config(EnvguardSettings):" in out
    assert "settings:" not in out


def test_stdout_by_default_and_no_file_written(tmp_path: Path) -> None:
    project(tmp_path, "DEBUG=true\n", SCHEMA)
    with chdir(tmp_path):
        code, out, _ = run("codegen")
    assert code == 0
    assert out.startswith(MARKER)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".env", "envguard.yaml"]


def test_never_overwrites_a_file_it_did_not_write(tmp_path: Path) -> None:
    project(tmp_path, "DEBUG=true\n", SCHEMA, **{"settings.py": "# hand-written\nX = 1\n"})
    with chdir(tmp_path):
        code, _, err = run("codegen", "-o", "settings.py")
        assert code == 2
        assert "was not generated by envguard" in err
        assert "--force" in err
        assert (tmp_path / "settings.py").read_text() == "# hand-written\nX = 1\n"
        code, _, err = run("codegen", "-o", "settings.py", "--force")
        assert code == 0, err
        assert (tmp_path / "settings.py").read_text().startswith(MARKER)
        # Its own file: regenerated without --force; unchanged content is not rewritten.
        (tmp_path / ".env").write_text("DEBUG=true\nNEW_THING=1\n")
        code, _, err = run("codegen", "-o", "settings.py")
        assert code == 0
        assert "NEW_THING" in (tmp_path / "settings.py").read_text()
        mtime = (tmp_path / "settings.py").stat().st_mtime_ns
        code, _, err = run("codegen", "-o", "settings.py")
        assert code == 0
        assert "up to date" in err
        assert (tmp_path / "settings.py").stat().st_mtime_ns == mtime
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_check_mode(tmp_path: Path) -> None:
    project(tmp_path, "DEBUG=true\n", SCHEMA)
    with chdir(tmp_path):
        code, _, err = run("codegen", "-o", "s.py", "--check")
        assert code == 1
        assert "does not exist" in err
        assert "envguard codegen -o s.py" in err
        assert not (tmp_path / "s.py").exists()
        assert run("codegen", "-o", "s.py")[0] == 0
        assert run("codegen", "-o", "s.py", "--check")[0] == 0
        (tmp_path / "envguard.yaml").write_text(SCHEMA + "  ADDED: {type: int}\n")
        code, _, err = run("codegen", "-o", "s.py", "--check")
        assert code == 1
        assert "out of date" in err
        code, _, err = run("codegen", "--check")
        assert code == 2
        assert "--check needs --output" in err


def test_environment_and_env_file_options(tmp_path: Path) -> None:
    project(tmp_path, "DEBUG=true\n", SCHEMA, **{"deploy/prod.env": "DEBUG=false\nPROD_ONLY=1\n"})
    with chdir(tmp_path):
        code, out, err = run("codegen", "-e", "production", "--env-file", "deploy/prod.env")
    assert code == 0, err
    assert "# Environment: production" in out
    assert "PROD_ONLY: str | None = None" in out
    assert "codegen -e production --env-file deploy/prod.env" in out


def test_bad_arguments(tmp_path: Path) -> None:
    project(tmp_path, "", SCHEMA)
    with chdir(tmp_path):
        assert run("codegen", "--class-name", "not valid")[0] == 2
        assert run("codegen", "--variable", "class")[0] == 2
        code, _, err = run("codegen", "-o", "missing/dir/s.py")
        assert code == 2
        assert "not a directory" in err


@pytest.mark.parametrize(
    ("env", "attr"),
    [
        ("PORT", "PORT"),
        ("my-var", "my_var"),
        ("1ST", "v_1ST"),
        ("_HIDDEN", "v_HIDDEN"),
        ("class", "class_"),
        ("model_name", "model_name_"),
        ("json", "json_"),
        ("a.b", "a_b"),
    ],
)
def test_attr_names(env: str, attr: str) -> None:
    assert attr_name(env) == attr
