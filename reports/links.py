"""Where pages live and which links a page may hold: page paths, anchors, source URLs.

File names are a slug plus a hash of the key (never raw text); only absolute http(s) URLs
become links, so a javascript: or data: URL from an input file is shown as text.
"""

from __future__ import annotations

import functools
import re
from typing import Any
from urllib.parse import urlsplit

from .formatting import (
    is_missing,
    page_name,
)

Row = dict[str, Any]


SUBJECT_DIR = "subjects"


DOCUMENT_DIR = "documents"


CLAIMANT_DIR = "claimants"


OUTLET_DIR = "outlets"


#: Page paths and URLs remembered (a report asks for each several times: every claim of a
#: document has its URL and page; hashing and parsing them again was ~6% of a report).
_PATH_CACHE_SIZE = 262_144

_ANCHOR_DROP = re.compile(r"[^A-Za-z0-9_-]+")


def safe_url(value: object) -> str | None:
    """The URL if it is an absolute http(s) URL, else None (never a javascript:/data: link)."""
    if is_missing(value):
        return None
    return _safe_url_text(str(value))


@functools.lru_cache(maxsize=_PATH_CACHE_SIZE)
def _safe_url_text(value: str) -> str | None:
    text = value.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if (
        parts.scheme.lower() in ("http", "https")
        and parts.netloc
        and not any(ch in text for ch in "\"'<>\\ \t\n\r")
    ):
        return text
    return None


def anchor(prefix: str, key: object) -> str:
    """An HTML id from a key: only letters, digits, '-' and '_'."""
    return f"{prefix}-{_ANCHOR_DROP.sub('_', str(key))}"


def subject_page(subject: object) -> str:
    """Path of a subject's page relative to the report root."""
    return _subject_page(str(subject))


def document_page(doc_id: object, content_hash: object) -> str:
    """Path of a document's page relative to the report root (one page per text version)."""
    return _document_page(str(doc_id), str(content_hash))


@functools.lru_cache(maxsize=_PATH_CACHE_SIZE)
def _subject_page(subject: str) -> str:
    return f"{SUBJECT_DIR}/{page_name('subject', subject)}"


@functools.lru_cache(maxsize=_PATH_CACHE_SIZE)
def _document_page(doc_id: str, content_hash: str) -> str:
    return f"{DOCUMENT_DIR}/{page_name('document', f'{doc_id}:{content_hash}', doc_id)}"


def claimant_page(group: object) -> str:
    """Path of a claimant's page (``group``: its name, see actor_views.claimant_group)."""
    return _actor_page(CLAIMANT_DIR, "claimant", str(group))


def outlet_page(outlet: object) -> str:
    """Path of an outlet's page."""
    return _actor_page(OUTLET_DIR, "outlet", str(outlet))


@functools.lru_cache(maxsize=_PATH_CACHE_SIZE)
def _actor_page(folder: str, kind: str, key: str) -> str:
    return f"{folder}/{page_name(kind, key)}"
