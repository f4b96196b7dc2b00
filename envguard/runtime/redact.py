"""Mask loaded secret values in log records and exception text.

:func:`envguard.load` registers every secret value it loads (variables the schema marks
secret, undeclared ones whose name says so, and passwords inside URLs). ``envguard.redact``
is a :class:`Redactor`: a :class:`logging.Filter` that rewrites records so no handler
can print a registered value, and a callable for any other text::

    import logging, envguard

    settings = envguard.load()
    envguard.redact.install()            # every handler, now and later, and sys.excepthook
    logging.getLogger(__name__).info("key is %s", settings.STRIPE_SECRET_KEY.get_secret_value())
    # -> "key is [REDACTED:STRIPE_SECRET_KEY]"

    handler.addFilter(envguard.redact)   # or one handler
    envguard.redact(text)                # -> text with every secret masked
    envguard.redact.format_exception(exc)

A value shorter than :data:`MIN_LENGTH` characters is not masked: replacing every ``app``
or ``1234`` in a log would destroy unrelated text and still not protect a secret that
short. Registering one emits a :class:`ShortSecretWarning` once per variable, naming the
variable and never the value.

This module never imports pydantic. Its registry is shared by every :class:`Redactor`,
so ``{"()": "envguard.runtime.redact.Redactor"}`` in a ``logging.config.dictConfig`` filter
(Django's ``LOGGING``) masks the same values as ``envguard.redact``.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import threading
import traceback
import warnings
from collections.abc import Callable, Iterable, Mapping
from types import TracebackType
from typing import Any
from urllib.parse import quote, quote_plus, urlsplit

__all__ = ["MIN_LENGTH", "Redactor", "ShortSecretWarning", "redact"]

MIN_LENGTH = 8
"""Values shorter than this are not masked (and are reported with a warning)."""

# Lines of a multi-line secret (a PEM body) are masked on their own when a log shows only
# part of the key; short lines ("-----END ...", blank) would mask unrelated text.
_MIN_FRAGMENT = 16

# LogRecord attributes that are never user data; the rest came in through ``extra=``.
_STANDARD_ATTRS = frozenset(
    logging.LogRecord("", 0, "", 0, "", (), None).__dict__.keys() | {"message", "asctime", "taskName"}
)


class ShortSecretWarning(UserWarning):
    """A secret too short to be masked safely was loaded. Names the variable, never the value."""


class _Registry:
    """Secret values -> the variable they came from; one per process."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.values: dict[str, str] = {}
        self.warned: set[str] = set()
        self._pattern: re.Pattern[str] | None = None
        self._labels: dict[str, str] = {}

    def add(self, name: str, value: str, *, warn: bool = True, stacklevel: int = 1, what: str | None = None) -> bool:
        if not value or not value.strip():
            return False
        if len(value) < MIN_LENGTH:
            if warn:
                self._warn_short(what or name, stacklevel + 3)
            return False
        with self.lock:
            if self.values.get(value) == name:
                return True
            self.values[value] = name
            self._pattern = None
        return True

    def _warn_short(self, name: str, stacklevel: int) -> None:
        with self.lock:
            if name in self.warned:
                return
            self.warned.add(name)
        warnings.warn(
            f"{name} is shorter than {MIN_LENGTH} characters; envguard.redact will not mask it "
            "(masking a value that short would garble unrelated log text). Use a longer secret.",
            ShortSecretWarning,
            stacklevel=stacklevel,
        )

    def clear(self) -> None:
        with self.lock:
            self.values.clear()
            self.warned.clear()
            self._pattern = None

    def pattern(self) -> tuple[re.Pattern[str] | None, dict[str, str]]:
        with self.lock:
            if self._pattern is None and self.values:
                labels: dict[str, str] = {}
                for value, name in self.values.items():
                    for form in _forms(value):
                        labels.setdefault(form, name)
                # Longest first, so a URL is masked whole before the password inside it.
                ordered = sorted(labels, key=len, reverse=True)
                self._pattern = re.compile("|".join(re.escape(form) for form in ordered))
                self._labels = labels
            return self._pattern, self._labels


def _forms(value: str) -> Iterable[str]:
    """How a value may appear in text: as is, URL-encoded, or escaped by repr/JSON."""
    forms = {value, quote(value, safe=""), quote_plus(value, safe=""), json.dumps(value)[1:-1], repr(value)[1:-1]}
    if "\n" in value:
        # Not the armour (-----BEGIN ...-----) or headers (Proc-Type: ...): public text.
        forms.update(
            line.strip()
            for line in value.splitlines()
            if len(line.strip()) >= _MIN_FRAGMENT and not line.startswith("-----") and ": " not in line
        )
    return [f for f in forms if len(f) >= MIN_LENGTH]


_REGISTRY = _Registry()


def url_password(value: str) -> str | None:
    """The password inside ``scheme://user:password@host``, if any."""
    if "://" not in value or "@" not in value:
        return None
    try:
        password = urlsplit(value.strip()).password
    except ValueError:
        return None
    return password or None


class Redactor(logging.Filter):
    """A logging filter and a text function that mask every registered secret.

    ``redactor(text) -> str`` masks a string; as a filter it rewrites a record's message
    (``msg`` and ``args``), its exception (``exc_info``/``exc_text``), ``stack_info`` and
    string attributes passed through ``extra=``, and always lets the record through.
    """

    placeholder = "[REDACTED:{name}]"

    def __init__(self, name: str = "") -> None:
        super().__init__(name)
        self._installed: _Installation | None = None

    # --- the registry -------------------------------------------------------------------

    def add(self, name: str, value: str, *, warn: bool = True, stacklevel: int = 1, what: str | None = None) -> bool:
        """Register ``value`` (of variable ``name``) for masking; False if it is too short.

        A value shorter than :data:`MIN_LENGTH` is not registered; unless ``warn`` is
        false, a :class:`ShortSecretWarning` naming ``what`` (default: ``name``) is
        emitted the first time. ``stacklevel`` 1 attributes the warning to the caller.
        """
        return _REGISTRY.add(name, value, warn=warn, stacklevel=stacklevel, what=what)

    def add_mapping(self, values: Mapping[str, str]) -> None:
        """Register every value of a ``name -> value`` mapping (e.g. secrets you load yourself)."""
        for name, value in values.items():
            self.add(name, value)

    def clear(self) -> None:
        """Forget every registered value (tests; a reload of the configuration)."""
        _REGISTRY.clear()

    @property
    def names(self) -> list[str]:
        """The variables whose values are masked (never the values)."""
        with _REGISTRY.lock:
            return sorted(set(_REGISTRY.values.values()))

    # --- text ---------------------------------------------------------------------------

    def __call__(self, text: str) -> str:
        """``text`` with every registered secret replaced by ``[REDACTED:VARIABLE]``."""
        if not isinstance(text, str):
            text = str(text)
        pattern, labels = _REGISTRY.pattern()
        if pattern is None:
            return text
        return pattern.sub(lambda m: self.placeholder.format(name=labels.get(m.group(0), "secret")), text)

    def contains_secret(self, text: str) -> bool:
        pattern, _ = _REGISTRY.pattern()
        return pattern is not None and pattern.search(text) is not None

    def format_exception(self, exc: BaseException) -> str:
        """The traceback of ``exc`` (with its chain) as text, secrets masked."""
        return self("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))

    # --- logging ------------------------------------------------------------------------

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite ``record`` in place so that no registered secret survives; keep it."""
        pattern, _ = _REGISTRY.pattern()
        if pattern is None:
            return True
        try:
            self._redact_record(record)
        except Exception:  # a filter must never break the app's logging
            record.msg = "[envguard.redact could not inspect this log record]"
            record.args = ()
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
        return True

    def _redact_record(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except Exception:
            # A broken format string: logging reports it later; mask what is there.
            record.msg = self(str(record.msg))
            record.args = self._redact_args(record.args)
        else:
            masked = self(message)
            if masked != message:
                # Formatted once here, so no handler formats the raw arguments again.
                record.msg = masked
                record.args = ()
            elif record.args:
                record.args = self._redact_args(record.args)
        if isinstance(getattr(record, "message", None), str):
            record.message = self(record.message)
        if record.exc_info and record.exc_info[1] is not None:
            text = logging.Formatter().formatException(record.exc_info)
            masked = self(text)
            if masked != text:
                # Handlers must not format the raw exception again: keep its masked text only.
                record.exc_text = masked
                record.exc_info = None
        if record.exc_text:
            record.exc_text = self(record.exc_text)
        if record.stack_info:
            record.stack_info = self(record.stack_info)
        for key, value in list(record.__dict__.items()):
            if key not in _STANDARD_ATTRS and isinstance(value, str):
                setattr(record, key, self(value))

    def _redact_args(self, args: Any) -> Any:
        if isinstance(args, tuple):
            return tuple(self(a) if isinstance(a, str) else a for a in args)
        if isinstance(args, Mapping):
            return {k: self(v) if isinstance(v, str) else v for k, v in args.items()}
        return args

    # --- installation -------------------------------------------------------------------

    def install(self, *, excepthook: bool = True) -> None:
        """Mask secrets everywhere logging and uncaught exceptions can print them.

        Adds this filter to every handler of every existing logger (and to
        ``logging.lastResort``), wraps the log record factory so that records made later,
        through handlers added later, are masked when they are created, and (with
        ``excepthook``) replaces ``sys.excepthook`` and ``threading.excepthook`` with
        versions that print masked tracebacks. Idempotent; :meth:`uninstall` undoes it.
        """
        if self._installed is None:
            self._installed = _Installation(self)
        self._installed.handlers(_all_handlers())
        self._installed.factory()
        if excepthook:
            self._installed.hooks()

    def uninstall(self) -> None:
        if self._installed is not None:
            self._installed.undo()
            self._installed = None

    def __repr__(self) -> str:
        return f"<envguard.redact: {len(self.names)} variable(s) masked>"


def _all_handlers() -> list[logging.Handler]:
    loggers: list[logging.Logger] = [logging.getLogger()]
    loggers += [lg for lg in list(logging.Logger.manager.loggerDict.values()) if isinstance(lg, logging.Logger)]
    handlers: list[logging.Handler] = []
    for lg in loggers:
        for h in lg.handlers:
            if h not in handlers:
                handlers.append(h)
    if logging.lastResort is not None and logging.lastResort not in handlers:
        handlers.append(logging.lastResort)
    return handlers


class _Installation:
    """What :meth:`Redactor.install` changed, so that it can be undone."""

    def __init__(self, redactor: Redactor) -> None:
        self.redactor = redactor
        self.filtered: list[logging.Handler] = []
        self.old_factory: Callable[..., logging.LogRecord] | None = None
        self.new_factory: Callable[..., logging.LogRecord] | None = None
        self.old_excepthook: Callable[..., Any] | None = None
        self.old_thread_hook: Callable[..., Any] | None = None

    def handlers(self, handlers: Iterable[logging.Handler]) -> None:
        for h in handlers:
            if self.redactor not in h.filters:
                h.addFilter(self.redactor)
                self.filtered.append(h)

    def factory(self) -> None:
        if self.new_factory is not None:
            return
        old = logging.getLogRecordFactory()
        redactor = self.redactor

        def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
            record = old(*args, **kwargs)
            redactor.filter(record)
            return record

        self.old_factory, self.new_factory = old, factory
        logging.setLogRecordFactory(factory)

    def hooks(self) -> None:
        if self.old_excepthook is not None:
            return
        redactor = self.redactor
        self.old_excepthook = sys.excepthook
        self.old_thread_hook = threading.excepthook

        def excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
            text = "".join(traceback.format_exception(exc_type, exc, tb))
            sys.stderr.write(redactor(text))

        def thread_hook(args: threading.ExceptHookArgs) -> None:
            if args.exc_type is SystemExit:
                return
            name = args.thread.name if args.thread is not None else "<unknown>"
            text = "".join(traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback))
            sys.stderr.write(redactor(f"Exception in thread {name}:\n{text}"))

        sys.excepthook = excepthook
        threading.excepthook = thread_hook

    def undo(self) -> None:
        for h in self.filtered:
            h.removeFilter(self.redactor)
        self.filtered.clear()
        if self.new_factory is not None and logging.getLogRecordFactory() is self.new_factory:
            assert self.old_factory is not None
            logging.setLogRecordFactory(self.old_factory)
        self.new_factory = None
        if self.old_excepthook is not None:
            sys.excepthook = self.old_excepthook
            assert self.old_thread_hook is not None
            threading.excepthook = self.old_thread_hook
            self.old_excepthook = None


redact = Redactor()
"""The process-wide redactor, exported as ``envguard.redact``."""
