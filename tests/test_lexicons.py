"""The lexicon files: they load, their values are valid, and bad files fail clearly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from forcerecon.extract.lexicon import HEADERS, LexiconError, load_lexicons
from forcerecon.records import CATEGORIES, CLAIMANT_TYPES
from forcerecon.settings import LEXICON_DIR


def test_packaged_lexicons_load_with_real_coverage() -> None:
    lex = load_lexicons(LEXICON_DIR)
    assert {t.category for t in lex.terms.values()} == set(CATEGORIES)
    assert {c.claimant_type for c in lex.claimants.values()} <= set(CLAIMANT_TYPES)
    assert len(lex.terms) > 200 and len(lex.claimants) > 100 and len(lex.locations) > 80
    assert lex.location_of("southern border of Belarus").subject_key == "Belarus"
    assert lex.location_of("occupied territories").parent_key == "UkraineBorder"
    assert lex.event_of("Allied Resolve-2022").canonical == "Union Resolve 2022"
    assert lex.claimant_of("the Pentagon").canonical == "US Department of Defense"
    assert lex.side_of("Russian-Belarusian") == ("Russia+Belarus", "RU+BY")


def test_every_parent_key_is_a_known_location() -> None:
    lex = load_lexicons(LEXICON_DIR)
    keys = {loc.location_key for loc in lex.locations.values()}
    parents = {loc.parent_key for loc in lex.locations.values() if loc.parent_key}
    assert parents - keys == set()


def test_readme_documents_every_file() -> None:
    readme = (LEXICON_DIR / "README.md").read_text(encoding="utf-8")
    for name, header in HEADERS.items():
        assert name in readme
        assert ",".join(header) in readme


@pytest.fixture()
def lexicon_copy(tmp_path: Path) -> Path:
    target = tmp_path / "lexicons"
    shutil.copytree(LEXICON_DIR, target)
    return target


def test_bad_category_names_file_and_line(lexicon_copy: Path) -> None:
    path = lexicon_copy / "categories.csv"
    path.write_text(path.read_text(encoding="utf-8") + "hovercraft,boats,,noun\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"categories\.csv: entry \d+: unknown category"):
        load_lexicons(lexicon_copy)


def test_wrong_header_and_field_count(lexicon_copy: Path) -> None:
    (lexicon_copy / "sides.csv").write_text("term;side\nRussian;Russia\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"sides\.csv: header"):
        load_lexicons(lexicon_copy)
    shutil.copy(LEXICON_DIR / "sides.csv", lexicon_copy / "sides.csv")
    path = lexicon_copy / "events.csv"
    path.write_text(path.read_text(encoding="utf-8") + "Zapad 2029,Zapad 2029\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"events\.csv: entry \d+ has 2 fields"):
        load_lexicons(lexicon_copy)


def test_missing_file(lexicon_copy: Path) -> None:
    (lexicon_copy / "claimants.csv").unlink()
    with pytest.raises(LexiconError, match=r"claimants\.csv: lexicon file not found"):
        load_lexicons(lexicon_copy)


def test_user_entry_is_used(lexicon_copy: Path) -> None:
    from forcerecon.extract import extract_text

    path = lexicon_copy / "claimants.csv"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "Frontline Monitor,Frontline Monitor Group,think_tank,\n",
        encoding="utf-8",
    )
    lex = load_lexicons(lexicon_copy)
    claims, _ = extract_text(
        "Some 400 tanks are in Crimea, the Frontline Monitor said.",
        "t",
        outlet="W",
        published="2023-01-01",
        lex=lex,
    )
    assert (claims[0]["claimant"], claims[0]["claimant_type"]) == (
        "Frontline Monitor Group",
        "think_tank",
    )


def test_each_location_key_has_one_parent_and_no_cycle() -> None:
    import csv

    parents: dict[str, set[str]] = {}
    with (LEXICON_DIR / "locations.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            parents.setdefault(row["location_key"], set()).add(row["parent_key"])
    assert {k: v for k, v in parents.items() if len(v) > 1} == {}
    for key in parents:
        seen, cur = set(), key
        while cur:
            assert cur not in seen, f"cycle through {cur}"
            seen.add(cur)
            cur = next(iter(parents.get(cur, {""})))


def test_no_alias_is_defined_twice() -> None:
    import csv

    for name in HEADERS:
        with (LEXICON_DIR / name).open(encoding="utf-8") as handle:
            keys = [r[HEADERS[name][0]].lower() for r in csv.DictReader(handle)]
        assert len(keys) == len(set(keys)), (name, {k for k in keys if keys.count(k) > 1})


def test_long_acronyms_also_match_in_british_title_case() -> None:
    from forcerecon.extract.lexicon import get_lexicons

    lex = get_lexicons()
    assert lex.side_re.search("Nato's eastern flank") is not None
    assert lex.side_re.search("the us and them") is None  # short ones stay as written
