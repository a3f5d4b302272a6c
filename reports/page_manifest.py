"""Skip re-rendering pages whose inputs did not change: input keys and the manifest file.

Every subject and document page is a function of a few warehouse rows and of the renderer
itself (templates and the ``reports`` code). :func:`page_key` hashes those
inputs; the render keeps ``out_dir/.report-manifest.json`` mapping each page path to the key
it was rendered from. A page whose key is unchanged and whose file still exists is neither
rendered nor written again. The manifest is written last, after every page: a render that
stops half way leaves the old manifest, whose keys no longer match the pages rewritten since,
so the next render redoes them.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
import os
from collections.abc import Mapping
from pathlib import Path

MANIFEST_NAME = ".report-manifest.json"
MANIFEST_VERSION = 1

PACKAGE_DIR = Path(__file__).resolve().parent


@functools.cache
def renderer_fingerprint() -> str:
    """A hash of everything besides the data that shapes a page: the templates and modules of
    ``reports``, and the Jinja2 / MarkupSafe versions. The stylesheet and script are not in it:
    pages link them (``assets/``, rewritten by every render), so editing them re-renders nothing."""
    digest = hashlib.blake2b(digest_size=16)
    files = sorted(
        [
            *PACKAGE_DIR.glob("*.py"),
            *(PACKAGE_DIR / "templates").glob("*"),
        ]
    )
    for path in files:
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    for package in ("jinja2", "markupsafe"):
        digest.update(importlib.metadata.version(package).encode("utf-8"))
    return digest.hexdigest()


def page_key(*parts: object) -> str:
    """A content key of a page's inputs: the renderer fingerprint and ``repr`` of each part
    (warehouse rows are dicts of plain Python values, whose repr is deterministic)."""
    digest = hashlib.blake2b(renderer_fingerprint().encode("ascii"), digest_size=16)
    for part in parts:
        digest.update(repr(part).encode("utf-8", "surrogatepass"))
        digest.update(b"\x1f")
    return digest.hexdigest()


def load_manifest(out_dir: Path) -> dict[str, str]:
    """Page path -> key of the previous render into ``out_dir``; empty when there is none or
    it cannot be read (then every page is rendered, which is always correct)."""
    path = out_dir / MANIFEST_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != MANIFEST_VERSION:
        return {}
    pages = data.get("pages")
    if not isinstance(pages, dict):
        return {}
    return {str(k): str(v) for k, v in pages.items()}


def save_manifest(out_dir: Path, pages: Mapping[str, str]) -> None:
    """Write the manifest atomically (sorted, so the same pages give the same file)."""
    path = out_dir / MANIFEST_NAME
    text = json.dumps({"version": MANIFEST_VERSION, "pages": dict(sorted(pages.items()))}, indent=0)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text + "\n", encoding="utf-8")
    os.replace(tmp, path)
