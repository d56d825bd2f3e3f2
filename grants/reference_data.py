"""Load län, polisregioner and kommuner from the SCB list shipped with the project."""

import csv
from pathlib import Path

KOMMUNER_CSV = Path(__file__).resolve().parent / "data" / "kommuner.csv"


def read_kommuner(path: Path = KOMMUNER_CSV) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def load_reference_data(*, county_model, region_model, municipality_model) -> int:
    """Create or update every län, polisregion and kommun; return the kommun count.

    Takes the model classes so that a data migration can pass its historical models.
    """
    rows = read_kommuner()
    counties = {}
    regions = {}
    for row in rows:
        code = row["lanskod"]
        if code not in counties:
            counties[code], _ = county_model.objects.update_or_create(
                code=code, defaults={"name": row["lan"]}
            )
        name = row["polisregion"]
        if name not in regions:
            regions[name], _ = region_model.objects.get_or_create(name=name)
        municipality_model.objects.update_or_create(
            code=row["kommunkod"],
            defaults={
                "name": row["kommun"],
                "county": counties[code],
                "police_region": regions[name],
            },
        )
    return len(rows)
