"""Synthetic, valid warehouse rows in any quantity: for load benchmarks and crash tests.

Every document is a run of numbered sentences, each stating one figure; every claim points at
its figure (``text[start:end] == figure_text``), so the rows pass the load checks. The
``variant`` argument changes the texts (hence hashes and ids), which models an edited
document set.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from forcerecon.ids import content_hash, stable_id
from forcerecon.records import CLAIM_COLUMNS, DOCUMENT_COLUMNS

_SIDES = (("Russia", "RU"), ("Belarus", "BY"), ("Ukraine", "UA"), ("NATO", "NATO"))
_CATEGORIES = (("personnel", "troops"), ("tanks", "tanks"), ("artillery", "artillery pieces"))


def synthetic_rows(
    n_documents: int, claims_per_document: int, variant: str = "a", doc_prefix: str = "syn"
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(documents, claims)`` frames with ``n_documents * claims_per_document`` claims.

    Documents are named ``<doc_prefix>_0000000`` ...: the same prefix with another ``variant``
    gives the same documents with edited texts.
    """
    if n_documents < 1 or claims_per_document < 1:
        raise ValueError("synthetic_rows needs at least one document and one claim per document")
    doc_rows = []
    offsets: list[int] = []
    sentence_starts: list[int] = []
    figures: list[str] = []
    sentence_lens: list[int] = []
    for d in range(n_documents):
        parts: list[str] = []
        pos = 0
        for k in range(claims_per_document):
            figure = f"{(d * 7 + k * 13) % 90000 + 1000:,}"
            head = f"[{variant}{d}.{k}] Some "
            sentence = f"{head}{figure} troops were reported near the border. "
            sentence_starts.append(pos)
            offsets.append(pos + len(head))
            figures.append(figure)
            sentence_lens.append(len(sentence) - 1)
            parts.append(sentence)
            pos += len(sentence)
        text = "".join(parts)
        doc_rows.append(
            {
                "doc_id": f"{doc_prefix}_{d:07d}",
                "content_hash": content_hash(text),
                "source": f"synthetic/{d:07d}.txt",
                "format": "txt",
                "text": text,
                "n_chars": len(text),
                "outlet": f"Outlet {d % 50}",
                "url": f"https://example.org/{variant}/{d}",
                "published": f"2022-{d % 12 + 1:02d}-{d % 28 + 1:02d}",
                "title": f"Synthetic article {d}",
                "author": None,
                "outlet_inferred": False,
                "published_inferred": False,
            }
        )
    documents = pd.DataFrame(doc_rows, columns=DOCUMENT_COLUMNS)

    n = n_documents * claims_per_document
    doc_index = np.repeat(np.arange(n_documents), claims_per_document)
    claim_no = np.tile(np.arange(1, claims_per_document + 1), n_documents)
    start = np.asarray(offsets)
    end = start + np.asarray([len(f) for f in figures])
    hashes = documents["content_hash"].to_numpy()[doc_index]
    sentence_start = np.asarray(sentence_starts)
    values = np.asarray([float(f.replace(",", "")) for f in figures])
    side = [_SIDES[i % len(_SIDES)] for i in doc_index]
    cat = [_CATEGORIES[i % len(_CATEGORIES)] for i in range(n)]
    period = [f"2022-{i % 12 + 1:02d}" for i in doc_index]
    claims = pd.DataFrame(
        {
            "claim_id": [stable_id(h, s, e) for h, s, e in zip(hashes, start, end, strict=True)],
            "doc_id": documents["doc_id"].to_numpy()[doc_index],
            "content_hash": hashes,
            "claim_no": claim_no,
            "figure_text": figures,
            "low": values,
            "high": values,
            "qualifier": "approximate",
            "category": [c[0] for c in cat],
            "item": [c[1] for c in cat],
            "side": [s[0] for s in side],
            "location": "the border",
            "as_of": period,
            "event": None,
            "claimant": "Ministry of Defence",
            "claimant_type": "government",
            "modality": "reported",
            "subject": [
                f"{s[1]}-{c[0]}-Border-{p}" for s, c, p in zip(side, cat, period, strict=True)
            ],
            "sentence": None,
            "start": start,
            "end": end,
            "sentence_start": sentence_start,
            "sentence_end": sentence_start + np.asarray(sentence_lens),
            "subcategory": None,
            "side_code": [s[1] for s in side],
            "location_key": "Border",
            "period": period,
            "extractor_version": f"synthetic-{variant}",
        },
        columns=CLAIM_COLUMNS,
    )
    return documents, claims
