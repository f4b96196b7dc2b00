"""SonarQube tokens, Telegram bot tokens (EG320) and passwords in connection strings that
are not URLs (EG322: Go MySQL DSNs, libpq keyword strings, ADO.NET/JDBC/ODBC strings).

Table-driven: each detector has cases that must be found and cases that must stay quiet.
Every credential is generated at test time (a fixed seed, a prefix plus a generated body);
nothing key-shaped is written in this file.
"""

from __future__ import annotations

import random
import re
import string
from collections.abc import Callable

import pytest

from envguard.scanner import prefilter as pf
from envguard.scanner.api import scan_text

RNG = random.Random(20261207)
ALNUM = string.ascii_letters + string.digits
HEX = "0123456789abcdef"
TG = ALNUM + "_-"


def pick(alphabet: str, n: int) -> str:
    return "".join(RNG.choice(alphabet) for _ in range(n))


def mixed(n: int) -> str:
    while True:
        v = pick(ALNUM, n)
        if any(c.isdigit() for c in v) and any(c.islower() for c in v) and any(c.isupper() for c in v):
            return v


def sonar(prefix: str = "squ_") -> str:
    return prefix + pick(HEX, 40)


def bot_id() -> str:
    while True:
        v = str(RNG.randint(10**8, 10**10 - 1))
        if len(set(v)) > 3:
            return v


def tg_body(n: int) -> str:
    while True:
        v = pick(TG, n)
        if any(c.isupper() for c in v) and any(c.islower() for c in v) and any(c.isdigit() for c in v):
            return v


def telegram() -> str:
    return f"{bot_id()}:AA{tg_body(33)}"


def telegram_plain() -> str:
    """A token whose secret part does not start with AA: found only next to a context word."""
    while True:
        body = tg_body(35)
        if not body.startswith("AA"):
            return f"{bot_id()}:{body}"


# A database password as people choose them: letters, digits, a symbol (no `;`, `@`, quotes).
PW = "Zr7%" + mixed(10)


Case = tuple[str, Callable[[], str], str]


def _found(make: Callable[[], str], path: str, code: str) -> None:
    text = make()
    found = scan_text(text + "\n", path=path)
    assert [f.code for f in found] == [code], [f.message for f in found]
    # A message names the kind of secret, the variable and a length, never the value.
    secrets = re.findall(r"[A-Za-z0-9_%:-]{12,}", text)
    for f in found:
        message = f.message.replace(f.variable or "\0", "")
        assert PW not in message
        assert not any(s in message for s in secrets), message


def _quiet(make: Callable[[], str], path: str) -> None:
    found = scan_text(make() + "\n", path=path)
    assert found == [], [(f.code, f.message) for f in found]


# --- SonarQube -----------------------------------------------------------------------------

SONAR_FOUND: list[Case] = [
    ("user token in .env", lambda: f"SONAR_TOKEN={sonar('squ_')}", ".env"),
    ("project token in CI", lambda: f"  - sonar-scanner -Dsonar.token={sonar('sqp_')}", ".gitlab-ci.yml"),
    ("global analysis token in code", lambda: f'client = Sonar(token="{sonar("sqa_")}")', "ci.py"),
    ("in a properties file", lambda: f"sonar.login={sonar('sqp_')}", "sonar-project.properties"),
    ("in prose", lambda: f"Use the token {sonar('squ_')} for the scanner.", "README.md"),
]

SONAR_QUIET: list[Case] = [
    ("body too short", lambda: f"SONAR_TOKEN=squ_{pick(HEX, 39)}", ".env"),
    ("body too long", lambda: f"x = 'sqp_{pick(HEX, 41)}'", "a.py"),
    ("upper-case hex is not issued", lambda: f"id = 'sqa_{pick(HEX, 40).upper()}'", "a.py"),
    ("repeated body", lambda: "SONAR_TOKEN=squ_" + "0" * 40, ".env"),
    ("sequential body", lambda: "SONAR_TOKEN=sqp_" + (HEX * 3)[:40], ".env"),
    ("elided body", lambda: "SONAR_TOKEN=squ_" + "x" * 40, ".env"),
    ("inside a longer word", lambda: f"v = 'xsqu_{pick(HEX, 40)}'", "a.py"),
    ("identifier with the prefix", lambda: "sqa_engine_version = 3", "a.py"),
    ("reference", lambda: "SONAR_TOKEN=${SONAR_TOKEN}", ".env"),
]


@pytest.mark.parametrize(("make", "path"), [c[1:] for c in SONAR_FOUND], ids=[c[0] for c in SONAR_FOUND])
def test_sonarqube_tokens_are_found(make: Callable[[], str], path: str) -> None:
    _found(make, path, "EG320")


@pytest.mark.parametrize(("make", "path"), [c[1:] for c in SONAR_QUIET], ids=[c[0] for c in SONAR_QUIET])
def test_sonarqube_lookalikes_pass(make: Callable[[], str], path: str) -> None:
    _quiet(make, path)


def test_sonarqube_finding_names_the_provider() -> None:
    (f,) = scan_text(f"SONAR_TOKEN={sonar()}\n", path=".env")
    assert (f.code, f.variable) == ("EG320", "SONAR_TOKEN")
    assert f.message.startswith("SonarQube token")
    assert "(44 chars)" in f.message
    assert "SonarQube" in (f.hint or "")


# --- Telegram --------------------------------------------------------------------------------

TELEGRAM_FOUND: list[Case] = [
    ("AA token in code", lambda: f"bot = Bot('{telegram()}')", "bot.py"),
    ("AA token without context", lambda: f"value: {telegram()}", "config.yaml"),
    ("AA token in an env file", lambda: f"TG={telegram()}", ".env"),
    ("api URL", lambda: f"curl https://api.telegram.org/bot{telegram()}/sendMessage -d text=hi", "notify.sh"),
    ("plain token under a telegram name", lambda: f"TELEGRAM_BOT_TOKEN={telegram_plain()}", ".env"),
    ("plain token under a bot name", lambda: f'BOT_TOKEN = "{telegram_plain()}"', "settings.py"),
    ("plain token in an api URL", lambda: f'url = "https://api.telegram.org/bot{telegram_plain()}/getMe"', "a.py"),
]

TELEGRAM_QUIET: list[Case] = [
    (
        "timestamp and a random string",
        lambda: f"ts = '{RNG.randint(1_600_000_000, 1_800_000_000)}:{tg_body(35)}'",
        "a.py",
    ),
    ("ratio and counters", lambda: "aspect 16:9, progress 12345678:1, at 12:34:56", "notes.txt"),
    ("context word inside another word", lambda: f"robot_id = '{telegram_plain()}'", "a.py"),
    ("'both' is not a context word", lambda: f"both {telegram_plain()} match", "notes.txt"),
    ("hex after the colon", lambda: f"BOT_TOKEN={bot_id()}:{pick(HEX, 35)}", ".env"),
    ("words after the colon", lambda: f"bot: {bot_id()}:this_is_not_a_real_token_at_all_ok", "c.yml"),
    ("elided AA token", lambda: f"TELEGRAM_TOKEN={bot_id()}:AA" + "x" * 33, ".env"),
    ("sequential bot id", lambda: f"TELEGRAM_TOKEN=1234567890:AA{tg_body(33)}", ".env"),
    (
        "log line with a hex digest",
        lambda: f"12:00:00 bot up {RNG.randint(1_600_000_000, 1_800_000_000)}:{pick(HEX, 35)}",
        "a.log",
    ),
    ("bot id too short", lambda: f"a telegram bot with id 123456:{tg_body(35)}", "notes.txt"),
]


@pytest.mark.parametrize(("make", "path"), [c[1:] for c in TELEGRAM_FOUND], ids=[c[0] for c in TELEGRAM_FOUND])
def test_telegram_bot_tokens_are_found(make: Callable[[], str], path: str) -> None:
    _found(make, path, "EG320")


@pytest.mark.parametrize(("make", "path"), [c[1:] for c in TELEGRAM_QUIET], ids=[c[0] for c in TELEGRAM_QUIET])
def test_telegram_lookalikes_pass(make: Callable[[], str], path: str) -> None:
    _quiet(make, path)


# --- connection strings (EG322) --------------------------------------------------------------

DSN_FOUND: list[Case] = [
    ("go mysql", lambda: f'db, err := sql.Open("mysql", "app:{PW}@tcp(db.acme.io:3306)/shop?parseTime=true")', "db.go"),
    ("go mysql ip", lambda: f'dsn := "svc:{PW}@tcp(10.20.0.5:3306)/orders"', "main.go"),
    ("go mysql in env", lambda: f"MYSQL_DSN=app:{PW}@tcp(mysql.prod.acme.io)/shop", ".env.production"),
    ("libpq in code", lambda: f'psycopg2.connect("host=db.acme.io user=app password={PW} dbname=shop")', "db.py"),
    (
        "libpq quoted value",
        lambda: f"dsn = \"host=db.acme.io port=5432 user=app password='{PW}' sslmode=require\"",
        "a.py",
    ),
    ("libpq in go", lambda: f'dsn := "host=pg.acme.io user=app password={PW} dbname=shop sslmode=require"', "db.go"),
    ("ado.net in c#", lambda: f'var cs = "Server=sql.acme.io;Database=app;User Id=api;Password={PW};";', "Db.cs"),
    ("ado.net uid/pwd", lambda: f'cs = "Server=sql.acme.io;Database=app;Uid=api;Pwd={PW};"', "app.py"),
    (
        "ado.net in an env file",
        lambda: (
            f"ConnectionStrings__Default=Server=tcp:acme.database.windows.net,1433;Initial Catalog=app;User ID=api;Password={PW};Encrypt=True;"
        ),
        ".env",
    ),
    (
        "jdbc sql server",
        lambda: f'url = "jdbc:sqlserver://sql.acme.io:1433;databaseName=app;user=api;password={PW};"',
        "App.java",
    ),
    (
        "odbc",
        lambda: f'conn = pyodbc.connect("Driver={{ODBC Driver 18}};Server=sql.acme.io;UID=api;PWD={PW}")',
        "etl.py",
    ),
]

DSN_QUIET: list[Case] = [
    ("go placeholder", lambda: 'dsn := "user:password@tcp(127.0.0.1:3306)/dbname"', "main.go"),
    ("go user as password", lambda: 'dsn := "root:root@tcp(db.acme.io:3306)/test"', "main.go"),
    ("go format verbs", lambda: 'dsn := fmt.Sprintf("%s:%s@tcp(%s:%d)/%s", u, p, h, port, db)', "main.go"),
    ("go env lookups", lambda: 'dsn := os.Getenv("U") + ":" + os.Getenv("P") + "@tcp(db.acme.io:3306)/app"', "main.go"),
    ("go reference", lambda: "MYSQL_DSN=app:${DB_PASSWORD}@tcp(db.acme.io:3306)/app", ".env"),
    ("go stars", lambda: "MYSQL_DSN=app:***@tcp(db.acme.io:3306)/app", ".env"),
    ("go empty password", lambda: 'dsn := "root:@tcp(db.acme.io:3306)/app"', "main.go"),
    ("go template in docs", lambda: "`<user>:<password>@tcp(<host>:3306)/<db>`", "README.md"),
    ("go local default", lambda: 'dsn := "app:devpass@tcp(localhost:3306)/app"', "main.go"),
    ("libpq changeme", lambda: 'connect("host=db.acme.io user=app password=changeme dbname=shop")', "db.py"),
    ("libpq percent-s", lambda: 'connect("host=%s user=%s password=%s dbname=%s" % args)', "db.py"),
    ("libpq f-string", lambda: 'connect(f"host={host} user={user} password={password} dbname={db}")', "db.py"),
    ("libpq concatenation", lambda: "connect('host=db.acme.io user=app password=' + pw + ' dbname=shop')", "db.py"),
    ("libpq shell variable", lambda: 'psql "host=db.acme.io user=app password=$PGPASSWORD dbname=shop"', "run.sh"),
    ("libpq empty password", lambda: 'dsn = "host=db.acme.io user=app password= dbname=shop"', "a.py"),
    ("libpq local default", lambda: 'dsn = "host=localhost user=postgres password=postgres dbname=test"', "a.py"),
    (
        "ado.net angle placeholder",
        lambda: '"Default": "Server=sql.acme.io;Database=app;User Id=sa;Password=<password>;"',
        "appsettings.json",
    ),
    (
        "ado.net brace placeholder",
        lambda: 'cs = "Server=sql.acme.io;Database=app;User Id=sa;Password={password};";',
        "Db.cs",
    ),
    (
        "ado.net String.Format",
        lambda: 'cs = string.Format("Server={0};Database=app;User Id=sa;Password={1};", h, p);',
        "Db.cs",
    ),
    (
        "ado.net concatenation",
        lambda: 'cs = "Server=sql.acme.io;Database=app;User Id=sa;Password=" + pw + ";";',
        "Db.cs",
    ),
    ("ado.net env reference", lambda: "DB=Server=sql.acme.io;Database=app;User Id=sa;Password=${DB_PASSWORD};", ".env"),
    ("ado.net stars", lambda: "Server=sql.acme.io;Database=app;User Id=sa;Password=***;", "app.config"),
    (
        "ado.net documented example",
        lambda: "`Server=myServerAddress;Database=myDataBase;User Id=myUsername;Password=myPassword;`",
        "README.md",
    ),
    (
        "ado.net your_password",
        lambda: "Server=tcp:x.database.windows.net,1433;Database=db;User ID=u;Password=your_password;",
        "README.md",
    ),
    (
        "ado.net integrated security",
        lambda: "Server=(localdb)\\mssqllocaldb;Database=app;Trusted_Connection=True;",
        "appsettings.json",
    ),
    ("example file", lambda: f"DB=Server=sql.acme.io;Database=app;User Id=sa;Password={PW};", ".env.example"),
    ("password= alone is not a connection string", lambda: 'cmd = "login password=$1"', "a.py"),
]


@pytest.mark.parametrize(("make", "path"), [c[1:] for c in DSN_FOUND], ids=[c[0] for c in DSN_FOUND])
def test_passwords_in_connection_strings_are_found(make: Callable[[], str], path: str) -> None:
    _found(make, path, "EG322")


@pytest.mark.parametrize(("make", "path"), [c[1:] for c in DSN_QUIET], ids=[c[0] for c in DSN_QUIET])
def test_connection_string_placeholders_and_lookups_pass(make: Callable[[], str], path: str) -> None:
    _quiet(make, path)


def test_connection_string_finding_fields() -> None:
    (f,) = scan_text(f'import os\ndsn := "app:{PW}@tcp(db.acme.io:3306)/shop"\n', path="db.go")
    assert (f.code, f.rule, f.line, f.variable) == ("EG322", "credentials-in-url", 2, "dsn")
    assert f.message == f"password in a connection string ({len(PW)} chars) assigned to dsn"
    (g,) = scan_text(f'url = "jdbc:sqlserver://sql.acme.io;user=api;password={PW};"\n', path="App.java")
    assert g.variable == "url"
    # The fingerprint follows the password, not its place.
    (h,) = scan_text(f'\n\ndsn := "app:{PW}@tcp(db.acme.io:3306)/shop"\n', path="db.go")
    assert h.fingerprint == f.fingerprint


def test_connection_strings_override_the_keyword_rule() -> None:
    """Outside code the keyword rule also sees ``Password=…``: the connection string wins,
    both when it reports and when it clears (a local default)."""
    line = f"DB=Server=sql.acme.io;Database=app;User Id=api;Password={PW};\n"
    assert [f.code for f in scan_text(line, path=".env")] == ["EG322"]
    local = "DB=Server=localhost;Database=app;User Id=sa;Password=Dev2024pass;\n"
    assert scan_text(local, path=".env") == []


# --- the prefilter stays cheap ---------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "we both agree that the bottom robot is better",
        "the squ_ prefix alone, or sqa_engine = 1",
        "mysql over tcp (port 3306) and a unix socket",
        "password reset: see the password_hash column",
    ],
)
def test_common_text_does_not_wake_the_new_detectors(line: str) -> None:
    hits = pf.get(False).regex.findall(line.lower())
    tags = {a.tag for h in hits for a in pf.get(False).anchors_for(h)}
    detectors = {a.detector for h in hits for a in pf.get(False).anchors_for(h)}
    assert pf.DSN not in tags
    assert not detectors & {"telegram-bot-token", "sonarqube-token"}
