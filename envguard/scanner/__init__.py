"""``envguard scan``: credentials pasted into code, docs, config and scripts.

The pipeline, one direction::

    walker ──► prefilter ──► detectors ──► filters ──► suppressions ──► Report
    (git-aware  (one regex    (provider     (placeholders,  (pragmas,
     file list)  pass/file)    formats,      env lookups,    baseline)
                               keywords,     public keys)
                               detect-secrets via adapter.py)

Modules: :mod:`~envguard.scanner.walker` (which files), :mod:`~envguard.scanner.prefilter`
(the one-pass candidate search), :mod:`~envguard.scanner.detectors` (provider formats as
data plus validators), :mod:`~envguard.scanner.keywords` (secret-named assignments),
:mod:`~envguard.scanner.adapter` (the only importer of detect-secrets),
:mod:`~envguard.scanner.baseline` (detect-secrets' ``.secrets.baseline`` format),
:mod:`~envguard.scanner.known` (values of the project's own env files),
:mod:`~envguard.scanner.engine` (per-file scanning and parallelism),
:mod:`~envguard.scanner.api` and :mod:`~envguard.cli.scan`.
"""
