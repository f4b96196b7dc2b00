"""``envguard scan``: credentials pasted into code, docs, config and scripts.

The pipeline, one direction::

    walker ──► prefilter ──► detectors ──► filters ──► suppressions ──► Report
    (git-aware  (one regex    (provider     (placeholders,  (pragmas,
     file list)  pass/file)    formats,      env lookups,    baseline)
                               keywords,     public keys)
                               detect-secrets via adapter.py)

Modules: :mod:`~envguard.scan.walker` (which files), :mod:`~envguard.scan.prefilter`
(the one-pass candidate search), :mod:`~envguard.scan.detectors` (provider formats as
data plus validators), :mod:`~envguard.scan.keywords` (secret-named assignments),
:mod:`~envguard.scan.adapter` (the only importer of detect-secrets),
:mod:`~envguard.scan.baseline` (detect-secrets' ``.secrets.baseline`` format),
:mod:`~envguard.scan.known` (values of the project's own env files),
:mod:`~envguard.scan.engine` (per-file scanning and parallelism),
:mod:`~envguard.scan.api` and :mod:`~envguard.scan.command`.

This package shares its name with the public function ``envguard.scan(...)``: Python
binds ``envguard.scan`` to this module as soon as any of its submodules is imported, so
the module itself is callable and forwards to :func:`envguard.api.scan`.
"""

from __future__ import annotations

import sys
import types
from typing import Any


class _CallableModule(types.ModuleType):
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from envguard.api import scan

        return scan(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
