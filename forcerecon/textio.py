"""Bytes to article text: decoding, minimal normalization and HTML reduction.

Pure functions (no file IO): ``forcerecon.ingest`` reads the bytes and calls these.
The text they return is what claim offsets point into, so normalization is minimal and
deterministic: a byte-order mark is dropped and newlines become ``\\n``; no other character
is changed (the gold's sentences must be found verbatim).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser

#: Signatures of common binary formats, to name them in the reject message.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive (or docx/xlsx)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "ELF executable"),
    (b"\xd0\xcf\x11\xe0", "MS Office (OLE) file"),
    (b"SQLite format 3", "SQLite database"),
)

#: Encodings whose guess we trust for Cyrillic text; anything else 8-bit is read as Western.
_CYRILLIC = {"cp1251", "windows-1251", "koi8_r", "koi8-r", "koi8_u", "iso8859_5", "mac_cyrillic"}

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class DecodeError(ValueError):
    """The bytes are not text (binary content); the message says why."""


@dataclass(frozen=True)
class Decoded:
    """Decoded text and the encoding that was used (``utf-8`` unless a fallback was needed)."""

    text: str
    encoding: str
    #: NUL characters replaced by spaces (one stray NUL does not make a file binary).
    nul_replaced: int = 0

    @property
    def fallback(self) -> bool:
        return self.encoding not in ("utf-8", "utf-8-sig")


def normalize_text(text: str) -> str:
    """Drop a leading BOM and turn CRLF / CR newlines into LF; change nothing else."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


#: NUL bytes in the first 8 KB that make a file binary: at least this many, and at least one
#: per 1,000 bytes (a stray NUL or two inside a real article is replaced by a space instead).
MIN_NULS = 4
#: Share of ASCII word spacing (space, tab, newline) below which non-UTF-8 bytes are not text:
#: news prose in any alphabetic code page has ~15%; 20 KB of random 0x80-0xFF bytes has none.
MIN_SPACING = 0.02


def binary_kind(data: bytes) -> str | None:
    """Name the binary format of ``data`` ("PDF", "binary data"), or None when it may be text."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # UTF-16 with a BOM: NUL bytes are expected
    nuls = head.count(b"\x00")
    if nuls >= MIN_NULS and nuls * 1000 >= len(head):
        return "binary data (NUL bytes)"
    return None


def replace_nul(text: str) -> tuple[str, int]:
    """``text`` with each NUL replaced by a space (offsets unchanged), and how many there were."""
    n = text.count("\x00")
    return (text.replace("\x00", " "), n) if n else (text, 0)


def _spaced_like_text(text: str, encoding: str) -> None:
    """Raise DecodeError when non-UTF-8 text has (almost) no word spacing: decoded bytes that
    no alphabetic-script article would be (random or compressed data in a .txt file)."""
    sample = text[:20_000]
    if len(sample) < 200:
        return
    spacing = sum(sample.count(c) for c in " \t\n\r")
    if spacing < MIN_SPACING * len(sample):
        raise DecodeError(
            f"not a text file: {len(sample)} characters of non-UTF-8 data with "
            f"{spacing} word spaces (as {encoding} it begins {sample[:24]!r})"
        )


def _guess_8bit(data: bytes) -> str:
    """Guess the 8-bit encoding of non-UTF-8 bytes: Cyrillic code pages or Windows-1252."""
    try:
        import charset_normalizer
    except ImportError:  # pragma: no cover - installed with trafilatura
        charset_normalizer = None
    if charset_normalizer is not None:
        best = charset_normalizer.from_bytes(data[:200_000]).best()
        if best is not None and best.encoding.lower() in _CYRILLIC:
            return best.encoding
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return "latin-1"
    return "cp1252"


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """Decode file bytes as UTF-8, else UTF-16 (with BOM), else the ``declared`` encoding
    (an HTML ``<meta charset>``), else a guessed 8-bit code page.

    Raises DecodeError when the bytes are binary (a known signature, NUL bytes, or many
    control characters after decoding).
    """
    kind = binary_kind(data)
    if kind is not None:
        raise DecodeError(f"not a text file: {kind}")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Decoded(normalize_text(data.decode("utf-16")), "utf-16")
        except UnicodeDecodeError as exc:
            raise DecodeError(f"UTF-16 BOM but undecodable bytes: {exc}") from exc
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            decoded = data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
        else:
            _spaced_like_text(decoded, declared.lower())
            return _checked(decoded, declared.lower())
    encoding = _guess_8bit(data)
    decoded = data.decode(encoding)
    _spaced_like_text(decoded, encoding)
    return _checked(decoded, encoding)


def _checked(text: str, encoding: str) -> Decoded:
    """Normalized text (stray NULs replaced by spaces), or DecodeError when it is mostly
    control characters (binary)."""
    text, nuls = replace_nul(text)
    sample = text[:8192]
    if sample and len(_CONTROL.findall(sample)) > 0.02 * len(sample):
        raise DecodeError("not a text file: too many control characters")
    return Decoded(normalize_text(text), encoding, nuls)


# --------------------------------------------------------------------------- HTML

#: Elements whose content is never article text.
_DROP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "svg",
        "iframe",
        "button",
        "select",
        "head",
    }
)
#: Elements that end a line of text.
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "article",
        "section",
        "main",
        "tr",
        "table",
        "pre",
        "figcaption",
        "dd",
        "dt",
        "hr",
    }
)
_VOID_TAGS = frozenset(
    {
        "br",
        "hr",
        "img",
        "input",
        "meta",
        "link",
        "area",
        "base",
        "col",
        "embed",
        "source",
        "track",
        "wbr",
    }
)


class _TextParser(HTMLParser):
    """Collects visible text outside dropped elements; comments are ignored by default."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        if tag in _VOID_TAGS:
            if tag in _BLOCK_TAGS and not self.skip_depth:
                self.parts.append("\n")
            return
        if tag in _DROP_TAGS or self.skip_depth:
            self.skip_depth += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _VOID_TAGS:
            return
        if self.skip_depth:
            self.skip_depth -= 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        if not self.skip_depth:
            self.parts.append(data)


def strip_html(html: str) -> str:
    """Fallback reduction: visible text without script/style/nav/header/footer/aside/comments.

    Runs of spaces inside a line collapse to one; blank lines are dropped.
    """
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    lines = (
        re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in "".join(parser.parts).split("\n")
    )
    return "\n".join(line for line in lines if line)


def html_title(html: str) -> str | None:
    """The text of the first <title> element, or None."""
    match = re.search(r"<title[^>]*>(.*?)</title>", html, flags=re.IGNORECASE | re.DOTALL)
    if not match:
        return None
    title = re.sub(r"\s+", " ", unescape(match.group(1))).strip()
    return title or None


def html_to_text(html: str) -> tuple[str, str]:
    """Reduce an HTML page to its main article text: (text, method).

    trafilatura extracts the main content (without comments); when it is missing or returns
    nothing, a stripped-text extraction (``strip_html``) is used. method is "trafilatura" or
    "strip".
    """
    text: str | None = None
    try:
        import trafilatura

        text = trafilatura.extract(
            html, include_comments=False, include_tables=True, favor_precision=True
        )
    except ImportError:  # pragma: no cover - trafilatura is a dependency
        text = None
    except Exception:
        text = None
    if text and text.strip():
        return normalize_text(text).strip(), "trafilatura"
    return strip_html(html), "strip"
