"""The command line: ``envguard check | scan | rules | rule | schema``.

``main(argv) -> int`` never raises: usage and config errors exit 2 with a message naming
the file and line, internal errors exit 3 with a one-line summary (the traceback only
with ``ENVGUARD_DEBUG=1``, since exception text from deep inside a library could quote
input). Findings exit 1, a clean run 0.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO

from envguard.core.errors import ConfigError, EnvguardError, UsageError
from envguard.core.findings import Severity

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3

FORMATS = ("text", "json", "sarif", "github", "junit", "auto")


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so every path goes through one handler."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def _version() -> str:
    from envguard import __version__

    return __version__


def _add_output_options(p: argparse.ArgumentParser, *, default_format: str = "text") -> None:
    g = p.add_argument_group("output")
    g.add_argument(
        "--format",
        choices=FORMATS,
        default=default_format,
        help="output format (auto: github annotations under GitHub Actions, else text)",
    )
    g.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        type=Path,
        help="write the report to FILE instead of stdout",
    )
    g.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the text output (auto honours NO_COLOR and TTY)",
    )
    g.add_argument("--quiet", "-q", action="store_true", help="print nothing when there are no findings")


def _add_policy_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("rules and exit code")
    g.add_argument(
        "--select",
        metavar="CODES",
        action="append",
        default=[],
        help="only these rules (codes, prefixes like EG2, or names; comma-separated)",
    )
    g.add_argument(
        "--extend-select",
        metavar="CODES",
        action="append",
        default=[],
        help="add rules to the selection (e.g. EG013, off by default)",
    )
    g.add_argument("--ignore", metavar="CODES", action="append", default=[], help="skip these rules")
    g.add_argument("--strict", action="store_true", help="warnings fail too (same as --fail-on warning)")
    g.add_argument(
        "--fail-on",
        choices=("error", "warning"),
        help="lowest severity that makes the exit code 1 (default: error)",
    )
    g.add_argument("--exit-zero", action="store_true", help="always exit 0 on findings (report-only adoption)")
    g.add_argument(
        "--config",
        metavar="FILE",
        type=Path,
        help="use this config file instead of discovering envguard.yaml / pyproject.toml",
    )


# Subcommands implemented outside this module: (name, module, one-line help).
PLUGINS = (
    ("env-files", "envguard.cli.envfiles", "block committing env files that hold real secret values (pre-commit)"),
    ("codegen", "envguard.runtime.codegen", "write a typed settings class from the schema"),
)


COMMANDS = frozenset({"check", "scan", "rules", "rule", "schema", *(name for name, _, _ in PLUGINS)})


def _command_of(argv: Sequence[str]) -> str | None:
    """The subcommand named on the command line (top-level options take no values)."""
    return next((a for a in argv if not a.startswith("-")), None)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; only the chosen ``command``'s plugin module is imported."""
    parser = _Parser(
        prog="envguard",
        description="Validate configuration and secrets before they hurt anyone.",
    )
    parser.add_argument("--version", action="version", version=f"envguard {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    # A known command gets only its own subparser: building all of them (argparse is not
    # cheap) would cost the pre-commit hook a few ms on every run. Help and errors for an
    # unknown or missing command see them all.
    only = command if command in COMMANDS else None
    if only in (None, "check"):
        check = sub.add_parser(
            "check",
            help="validate env files (or the live environment) against the schemas",
            description="Validate env files, or the process environment, against the built-in and project schemas.",
        )
        check.add_argument(
            "paths",
            nargs="*",
            type=Path,
            metavar="PATH",
            help="project directories or env files (default: the current directory)",
        )
        check.add_argument(
            "--env-file",
            action="append",
            default=[],
            type=Path,
            metavar="FILE",
            help="env file to load (repeatable; later files win); replaces discovery",
        )
        check.add_argument(
            "--environment",
            "-e",
            metavar="NAME",
            help="environment to check (default: config, then APP_ENV/ENVIRONMENT/NODE_ENV, then development)",
        )
        check.add_argument(
            "--from-environ",
            action="store_true",
            help="validate the process environment (CI, containers); it wins over files",
        )
        _add_policy_options(check)
        _add_output_options(check)
        check.set_defaults(func=cmd_check)

    if only in (None, "scan"):
        scan = sub.add_parser(
            "scan",
            help="find leaked credentials in files",
            description="Find credentials pasted into code, docs, config and scripts.",
        )
        if command == "scan":
            _add_policy_options(scan)
            _add_output_options(scan)
            _add_scan_arguments(scan)
        scan.set_defaults(func=cmd_scan)

    for name, module, summary in PLUGINS:
        if only not in (None, name):
            continue
        if name == command:
            _add_plugin_command(sub, name, module, help=summary)
        else:
            # Listed for --help without importing the module: the hook path pays only for
            # the command it runs.
            sub.add_parser(name, help=summary)

    if only in (None, "rules"):
        rules = sub.add_parser("rules", help="list every rule")
        rules.add_argument("--format", choices=("text", "json"), default="text")
        rules.set_defaults(func=cmd_rules)

    if only in (None, "rule"):
        rule = sub.add_parser("rule", help="print the documentation of one rule")
        rule.add_argument("code", metavar="CODE", help="a rule code (EG201) or name (weak-secret)")
        rule.set_defaults(func=cmd_rule)

    if only in (None, "schema"):
        schema = sub.add_parser("schema", help="explore the built-in schema catalog")
        schema_sub = schema.add_subparsers(dest="schema_command", metavar="ACTION", parser_class=_Parser)
        schema_sub.add_parser("list", help="list built-in groups").set_defaults(func=cmd_schema_list)
        show = schema_sub.add_parser("show", help="show the variables of a group")
        show.add_argument("group")
        show.set_defaults(func=cmd_schema_show)
        schema_sub.add_parser("formats", help="list provider key formats").set_defaults(func=cmd_schema_formats)
        schema.set_defaults(func=lambda args: _usage(schema))
    return parser


def _add_plugin_command(sub: argparse._SubParsersAction[_Parser], name: str, module: str, *, help: str) -> None:
    """A subcommand implemented by a module exposing ``add_arguments(parser)`` and
    ``run(args) -> int`` (or ``-> Report``, which gets the usual output options)."""
    import importlib

    try:
        mod = importlib.import_module(module)
    except ImportError:
        return
    parser = sub.add_parser(name, help=help, description=(mod.__doc__ or help).strip().splitlines()[0])
    if getattr(mod, "REPORTS", False):
        _add_policy_options(parser)
        _add_output_options(parser)
    mod.add_arguments(parser)
    parser.set_defaults(func=lambda args: _run_plugin(mod, args))


def _run_plugin(mod: object, args: argparse.Namespace) -> int:
    from envguard.core.report import Report

    result = mod.run(args)  # type: ignore[attr-defined]
    if isinstance(result, Report):
        from envguard.config import load_config

        config = load_config(Path.cwd(), getattr(args, "config", None))
        return _emit(result, args, fail_on=_fail_on(args, config.effective_fail_on()))
    return int(result)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return EXIT_USAGE


def _add_scan_arguments(parser: argparse.ArgumentParser) -> None:
    try:
        from envguard.cli.scan import add_arguments
    except ImportError:
        parser.add_argument("paths", nargs="*", type=Path)
        return
    add_arguments(parser)


# --- commands ---------------------------------------------------------------------------


def _split(values: Sequence[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _targets(paths: Sequence[Path]) -> list[tuple[Path, list[Path], Path | None]]:
    """(project root, env files, example file) per target given on the command line."""
    from envguard.config import CONFIG_NAMES, find_config
    from envguard.project.context import EXAMPLE_NAMES

    if not paths:
        return [(Path.cwd(), [], None)]
    roots: dict[Path, tuple[list[Path], Path | None]] = {}
    for path in paths:
        if path.is_dir():
            roots.setdefault(path.resolve(), ([], None))
        elif path.is_file() and (path.name in CONFIG_NAMES or path.name == "pyproject.toml"):
            # `envguard check envguard.yaml` (the hook passes changed config files): check
            # the project it configures.
            roots.setdefault(path.parent.resolve(), ([], None))
        elif path.is_file():
            _, root = find_config(path.parent)
            files, _ = roots.setdefault(root, ([], None))
            if path.name in EXAMPLE_NAMES:
                roots[root] = (files, path.resolve())
            else:
                files.append(path.resolve())
        else:
            raise UsageError(f"no such file or directory: {path}")
    return [(root, files, example) for root, (files, example) in roots.items()]


def cmd_check(args: argparse.Namespace) -> int:
    from envguard.checking.run import check
    from envguard.project.context import Options

    reports = []
    targets = _targets(args.paths)
    for root, files, example in targets:
        env_files = [*files, *args.env_file]
        options = Options(
            root=root,
            env_files=env_files,
            environment=args.environment,
            from_environ=args.from_environ,
            config_path=args.config,
            select=_split(args.select),
            ignore=_split(args.ignore),
            extend_select=_split(args.extend_select),
            example_only=bool(example) and not env_files,
            example_path=example,
        )
        reports.append(check(options, display_base=Path.cwd() if args.paths else None))
    from envguard.checking.run import merge_reports

    report = merge_reports(reports)
    return _emit(report, args, fail_on=_fail_on(args, report.fail_on))


def cmd_scan(args: argparse.Namespace) -> int:
    try:
        from envguard.cli.scan import run
    except ImportError:
        raise UsageError("the scanner is not available in this build") from None
    report = run(args)
    return _emit(report, args, fail_on=_fail_on(args, report.fail_on))


def _fail_on(args: argparse.Namespace, configured: Severity | None) -> Severity:
    if args.fail_on:
        return Severity.parse(args.fail_on)
    if args.strict:
        return Severity.WARNING
    return configured or Severity.ERROR


def _emit(report: object, args: argparse.Namespace, *, fail_on: Severity) -> int:
    from envguard.core.report import Report
    from envguard.reporters import REPORTERS, get_reporter

    assert isinstance(report, Report)
    report.fail_on = fail_on  # reporters that show pass/fail (JUnit) follow --fail-on/--strict
    fmt = args.format
    if fmt == "auto":
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    if fmt not in REPORTERS:
        raise UsageError(f"the {fmt} format is not available in this build")
    render = get_reporter(fmt)
    if args.quiet and not report.findings:
        pass
    elif args.output is not None:
        _write_atomically(args.output, lambda out: render(report, out, False))
    else:
        render(report, sys.stdout, _use_color(args.color, sys.stdout) and fmt == "text")
    if args.exit_zero:
        return EXIT_OK
    return report.exit_code(fail_on)


def _use_color(mode: str, stream: IO[str]) -> bool:
    if mode == "always":
        return True
    if mode == "never" or os.environ.get("NO_COLOR"):
        return False
    return stream.isatty()


def _write_atomically(path: Path, write: Callable[[IO[str]], None]) -> None:
    import tempfile

    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            write(out)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def cmd_rules(args: argparse.Namespace) -> int:
    from envguard.rules import registry

    rules = registry.all_rules()
    if args.format == "json":
        import json

        json.dump(
            [
                {
                    "code": r.code,
                    "name": r.name,
                    "severity": r.severity.label,
                    "summary": r.summary,
                    "default_enabled": r.default_enabled,
                    "help_uri": r.help_uri(),
                }
                for r in rules
            ],
            sys.stdout,
            indent=2,
        )
        sys.stdout.write("\n")
        return EXIT_OK
    for r in rules:
        off = "" if r.default_enabled else "  (off by default)"
        sys.stdout.write(f"{r.code}  {r.name:<32} {r.severity.label:<8} {r.summary}{off}\n")
    return EXIT_OK


def cmd_rule(args: argparse.Namespace) -> int:
    from envguard.rules import registry

    rule = registry.get(args.code)
    header = f"{rule.code} {rule.name} ({rule.severity.label}{'' if rule.default_enabled else ', off by default'})"
    sys.stdout.write(f"{header}\n{'=' * len(header)}\n\n{rule.summary}\n\n{rule.doc()}\n")
    return EXIT_OK


def cmd_schema_list(args: argparse.Namespace) -> int:
    from envguard.schema import catalog

    for name in catalog.names():
        group = catalog.get(name)
        sys.stdout.write(f"{name:<16} {len(group.variables):>3} variables  {group.title}\n")
    return EXIT_OK


def cmd_schema_show(args: argparse.Namespace) -> int:
    from envguard.schema import catalog

    try:
        group = catalog.get(args.group)
    except KeyError:
        raise UsageError(f"unknown group {args.group!r}; `envguard schema list` shows them") from None
    sys.stdout.write(f"{group.title} ({group.name})\n")
    if group.description:
        sys.stdout.write(f"{group.description}\n")
    if group.docs:
        sys.stdout.write(f"docs: {group.docs}\n")
    sys.stdout.write("\n")
    for spec in group.variables:
        kind = spec.format or spec.type
        flags = [
            f
            for f, on in (
                ("secret", spec.secret),
                (f"exposure {spec.exposure}", spec.exposure is not None),
            )
            if on
        ]
        if spec.required.ever:
            envs = [e for e, on in spec.required.per_env if on]
            flags.append("required" + (f" in {', '.join(envs)}" if envs and not spec.required.default else ""))
        sys.stdout.write(f"  {spec.name:<40} {kind:<28} {', '.join(flags)}\n")
        if spec.description:
            sys.stdout.write(f"      {spec.description}\n")
        if spec.aliases:
            sys.stdout.write(f"      aliases: {', '.join(spec.aliases)}\n")
    for pattern in group.patterns:
        sys.stdout.write(f"  {pattern.match:<40} {pattern.spec.format or pattern.spec.type}\n")
    return EXIT_OK


def cmd_schema_formats(args: argparse.Namespace) -> int:
    from envguard.knowledge import providers

    for fmt in providers.iter_formats():
        kind = "secret" if fmt.secret else "public"
        sys.stdout.write(f"{fmt.name:<28} {kind:<7} {fmt.title}  ({fmt.docs})\n")
    return EXIT_OK


# --- entry points -----------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_command_of(args_list))
    try:
        args = parser.parse_args(args_list)
        if args.command is None:
            parser.print_help(sys.stderr)
            return EXIT_USAGE
        result: int = args.func(args)
        return result
    except ConfigError as exc:
        sys.stderr.write(f"envguard: config error: {exc}\n")
        return EXIT_USAGE
    except UsageError as exc:
        sys.stderr.write(f"envguard: error: {exc}\n")
        return EXIT_USAGE
    except EnvguardError as exc:
        sys.stderr.write(f"envguard: error: {exc}\n")
        return EXIT_USAGE
    except SystemExit as exc:  # --help and --version
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    except KeyboardInterrupt:
        sys.stderr.write("envguard: interrupted\n")
        return 130
    except BrokenPipeError:
        # `envguard ... | head`: the reader left; not our failure.
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - stdout replacement must stay open
        return EXIT_OK
    except Exception as exc:  # the one place that turns bugs into exit 3
        if os.environ.get("ENVGUARD_DEBUG"):
            import traceback

            traceback.print_exc()
        sys.stderr.write(
            f"envguard: internal error ({type(exc).__name__}); this is a bug, please report it. "
            "Run with ENVGUARD_DEBUG=1 for the traceback.\n"
        )
        return EXIT_INTERNAL


def main_entry() -> None:
    raise SystemExit(main())
