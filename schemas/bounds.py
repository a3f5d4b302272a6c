"""The largest figure each category can plausibly hold: a bigger one is a misreading or junk.

``99999999999999999999 troops``, a 400-digit number (``inf`` as a float), ``10^400 tanks`` or
``1.5 quadrillion troops`` describe no force. The claims models reject such a figure at
validation (check ``figure_is_plausible``; the reject names the category, the bound and the
value), and the ``claims`` GX suite bounds every stored figure by :data:`MAX_FIGURE`.

The bounds are far above any real figure (the largest in every gold set, 603 annotated
figures: 2,400,000 personnel, 35,000 armored vehicles, 3,500 tanks) and far below nonsense:

| category | bound | why |
|---|---|---|
| personnel | 100,000,000 | all the world's armed forces with reserves are well under this |
| tanks | 200,000 | the world's tank inventory is under 100,000 |
| armored_vehicles, artillery, missile_systems | 1,000,000 | inventories, not rounds fired |
| aircraft, helicopters, air_defense, ships, formations, facilities | 100,000 | |
| share | 100 | a percentage |
| other_military | 100,000,000 | drones produced in a year run to millions |
"""

from __future__ import annotations

import pandas as pd

FIGURE_BOUNDS: dict[str, float] = {
    "personnel": 100_000_000,
    "tanks": 200_000,
    "armored_vehicles": 1_000_000,
    "artillery": 1_000_000,
    "aircraft": 100_000,
    "helicopters": 100_000,
    "air_defense": 100_000,
    "missile_systems": 1_000_000,
    "ships": 100_000,
    "formations": 100_000,
    "facilities": 100_000,
    "share": 100,
    "other_military": 100_000_000,
}
#: The bound of every figure whatever its category (the GX expectation on low and high).
MAX_FIGURE: float = max(FIGURE_BOUNDS.values())


def figure_is_plausible(df: pd.DataFrame) -> pd.Series:
    """low and high are finite and within their category's bound (missing values pass; an
    unknown category is the vocabulary check's business and gets the largest bound)."""
    bound = df["category"].map(FIGURE_BOUNDS).fillna(MAX_FIGURE).astype(float)
    ok = pd.Series(True, index=df.index)
    for column in ("low", "high"):
        values = pd.to_numeric(df[column], errors="coerce").astype(float)
        ok &= values.isna() | (values <= bound)  # inf > any bound
    return ok
