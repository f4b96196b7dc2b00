"""What kind of file is this? Decided from the name first (cheap), the content second.

* binary: images, fonts, archives, compiled objects... never read.
* generated: lock files, minified bundles, source maps. Read, but only strong detectors
  (provider formats, private keys, URL credentials, known values) run: their hashes and
  random-looking identifiers would drown everything else.
* example: ``.env.example`` and friends. Demo values are expected there; only provider
  keys and known values are reported.
* code / config / text: decides whether an unquoted value can be a literal.
"""

from __future__ import annotations

import posixpath
import re

from envguard.scanner.textutil import words

BINARY_EXTENSIONS = words(
    """
    png jpg jpeg gif bmp ico icns webp tif tiff psd ai eps avif heic heif svgz raw cr2 nef
    mp3 mp4 m4a m4v mov avi mkv wav ogg oga ogv flac aac wma wmv webm mid midi 3gp
    woff woff2 ttf otf eot pfb pfm
    zip gz tgz bz2 xz lz lzma zst 7z rar tar jar war ear aar apk ipa whl egg nupkg gem deb rpm
    msi dmg iso img vhd vmdk cab
    so dylib dll exe bin o obj a lib class pyc pyo pyd elc beam wasm dex
    pdf doc docx xls xlsx ppt pptx odt ods odp numbers pages
    sqlite sqlite3 db mdb accdb parquet avro orc feather arrow npy npz pkl pickle h5 hdf5
    onnx pt pth ckpt safetensors tflite pb mlmodel gguf
    p12 pfx jks keystore bks der crl
    ds_store swp swo mo
    svg
    """
)

LOCK_FILES = words(
    """
    package-lock.json npm-shrinkwrap.json yarn.lock pnpm-lock.yaml bun.lock poetry.lock
    Pipfile.lock uv.lock pdm.lock Cargo.lock Gemfile.lock composer.lock go.sum flake.lock
    packages.lock.json Podfile.lock Package.resolved Cartfile.resolved mix.lock pubspec.lock
    gradle.lockfile Brewfile.lock.json conda-lock.yml deno.lock .terraform.lock.hcl
    """
)

_GENERATED_SUFFIXES = (".min.js", ".min.mjs", ".min.css", ".map", ".bundle.js", ".chunk.js", ".pb.go", "_pb2.py")

EXAMPLE_NAMES = words(
    """
    .env.example .env.sample .env.template .env.dist .env.defaults .env-example .env-template
    .env-sample env.example example.env sample.env .env.tpl .env.schema .env.vault.example
    .dev.vars.example
    """
)
_EXAMPLE_SUFFIXES = (".example", ".sample", ".template", ".tmpl", ".tpl", ".dist")

CODE_EXTENSIONS = words(
    """
    py pyi pyw js jsx mjs cjs ts tsx mts cts vue svelte astro go java kt kts scala groovy gradle
    rb php cs fs vb c h cc cpp cxx hpp hh m mm swift rs dart lua pl pm r jl ex exs erl hs clj
    cljs elm nim zig sol coffee cr ipynb ps1 psm1
    """
)


def extension(path: str) -> str:
    name = posixpath.basename(path)
    if name.startswith(".") and name.count(".") == 1:
        return ""
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def is_binary_name(path: str) -> bool:
    name = posixpath.basename(path).lower()
    if name in (".ds_store", "bun.lockb"):
        return True
    return extension(path) in BINARY_EXTENSIONS


def generated_reason(path: str) -> str | None:
    name = posixpath.basename(path)
    if name in LOCK_FILES or name.endswith(".lock"):
        return "lock file"
    low = name.lower()
    if low.endswith(_GENERATED_SUFFIXES):
        return "source map" if low.endswith(".map") else "minified or generated bundle"
    return None


_LONG_LINE = 1000


def looks_minified(path: str, text: str) -> bool:
    """Bundles and minified assets: a few very long lines."""
    if extension(path) not in ("js", "mjs", "cjs", "css", "html", "json"):
        return False
    head = text[:65536]
    lines = head.count("\n") + 1
    return len(head) / lines > 300 and any(len(ln) > _LONG_LINE for ln in head.split("\n", 20)[:20])


def is_example(path: str) -> bool:
    name = posixpath.basename(path).lower()
    if name in EXAMPLE_NAMES:
        return True
    return name.endswith(_EXAMPLE_SUFFIXES) and (name.startswith(".env") or ".env" in name or "env" in name.split("."))


def is_env_file(path: str) -> bool:
    """A real (non-example) dotenv file: ``.env``, ``.env.local``, ``.env.production``."""
    name = posixpath.basename(path)
    if is_example(path):
        return False
    return name == ".env" or (
        name.startswith(".env.") and not name.endswith((".bak", ".swp", ".orig", ".enc", ".gpg", ".age", ".vault"))
    )


def is_code(path: str) -> bool:
    return extension(path) in CODE_EXTENSIONS


_DOCKERFILE = re.compile(r"(?:^|[./])(?:Dockerfile|Containerfile)(?:\.[\w.-]+)?$", re.IGNORECASE)


def is_dockerfile(path: str) -> bool:
    return _DOCKERFILE.search(posixpath.basename(path)) is not None
