"""Synthetic ledgers for benchmarks: N pledges and M gaps, valid by the ledger format.

    python -m benchmarks.synthetic OUT_DIR --pledges 10000 --gaps 1000

The records are random but reproducible (a fixed seed), realistic in shape (every optional field
used by some records) and free of warnings, so they measure the normal path. They are marked
`provenance: illustrative`.

With ``--warned 0.6`` about that share of the pledges carries a warning, as real ledgers do: half
of them declare that they answer a gap they cannot fill by the matching rules (another capability),
the other half offer fewer women than the parity target of their year (pledges made before the
targets always take the first kind). The clean records are the
same either way (the warnings come from a random stream of their own).

    python -m benchmarks.synthetic OUT_DIR --pledges 5000 --gaps 500 --warned 0.6
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

CONFERENCES = [
    ("2016-london", "2016-09-07"),
    ("2017-vancouver", "2017-11-14"),
    ("2019-new-york", "2019-03-29"),
    ("2021-seoul", "2021-12-07"),
    ("2023-accra", "2023-12-05"),
    ("2025-berlin", "2025-05-13"),
]
STATES = [
    "BGD",
    "BRA",
    "CAN",
    "CHN",
    "DEU",
    "EGY",
    "ETH",
    "FRA",
    "GHA",
    "IDN",
    "IND",
    "ITA",
    "JPN",
    "KEN",
    "KOR",
    "MAR",
    "NPL",
    "NLD",
    "PAK",
    "RWA",
    "SEN",
    "TGO",
    "URY",
    "USA",
    "ZAF",
]
UNIT_CAPABILITIES = [
    "infantry_battalion", "infantry_company", "mechanized_infantry_company", "quick_reaction_force",
    "utility_helicopter_unit", "armed_helicopter_unit", "engineering_unit", "level_2_hospital",
    "formed_police_unit", "signals_unit", "isr_unit", "uas_unit", "transport_unit", "eod_unit",
]  # fmt: skip
MISSIONS = ["MINUSCA", "MONUSCO", "UNMISS", "UNIFIL", "UNISFA", "MINURSO"]
LANGUAGES = ["en", "fr", "ar", "es"]
PCRS = ["level_1", "level_2", "level_3", "rapid_deployment"]
SOURCE = [{"title": "Synthetic record for benchmarks"}]


def conference(identifier: str, start: str) -> dict[str, Any]:
    day = date.fromisoformat(start)
    return {
        "id": identifier,
        "kind": "ministerial",
        "title": f"Ministerial {identifier}",
        "start_date": day,
        "end_date": day + timedelta(days=1),
        "format": "in_person",
        "sources": SOURCE,
        "provenance": "illustrative",
    }


def pledge(rng: random.Random, identifier: str, conference_id: str, state: str, start: str) -> dict[str, Any]:
    announced = date.fromisoformat(start)
    total = rng.randrange(100, 900)
    record: dict[str, Any] = {
        "id": identifier,
        "member_state": state,
        "conference": conference_id,
        "announced_on": announced,
        "announced_by": "minister",
        "title": f"Units from {state}",
        "category": "uniformed_unit",
        "offers": [offer(rng, total)],
        "timeframe": {"start": announced + timedelta(days=rng.randrange(30, 700))},
        "status": "announced",
        "sources": SOURCE,
        "provenance": "illustrative",
    }
    if rng.random() < 0.2:
        record["offers"].append(offer(rng, total))
    if rng.random() < 0.6:
        record["offers"][0]["pcrs_level"] = rng.choice(PCRS[:3])
        record["status"] = "registered"
        record["history"] = [
            {"on": announced, "status": "announced"},
            {"on": announced + timedelta(days=90), "status": "registered"},
        ]
    return record


def offer(rng: random.Random, total: int) -> dict[str, Any]:
    """One offer of units: mostly the shorthand quantity, sometimes the long form with a qualifier."""
    quantity: Any = rng.randrange(1, 4)
    if rng.random() < 0.3:
        quantity = {
            "value": quantity,
            "measure": "units",
            "qualifier": rng.choice(["exact", "at_least", "about"]),
        }
    return {
        "capability": rng.choice(UNIT_CAPABILITIES),
        "quantity": quantity,
        "personnel": {"total": total, "women": total // 4},
        "missions": rng.sample(MISSIONS, rng.randrange(0, 3)),
        "languages": rng.sample(LANGUAGES, rng.randrange(1, 3)),
    }


def gap(rng: random.Random, number: int) -> dict[str, Any]:
    capability = rng.choice(UNIT_CAPABILITIES)
    mission = rng.choice([*MISSIONS, "ANY"])
    record: dict[str, Any] = {
        "id": f"gap-{number:05d}-{capability.replace('_', '-')}-{mission.lower()}",
        "title": f"{capability} for {mission}",
        "capability": capability,
        "mission": mission,
        "quantity": rng.randrange(1, 4),
        "priority": rng.choice(["critical", "high", "high", "medium", "medium", "low"]),
        "basis": "un_requirement",
        "source_doc": {"title": "Capability requirements", "issuer": "DPO", "date": date(2022, 3, 1)},
        "status": "open",
        "sources": SOURCE,
        "provenance": "illustrative",
    }
    if rng.random() < 0.3:
        record["languages"] = [rng.choice(LANGUAGES)]
    if rng.random() < 0.3:
        record["min_pcrs_level"] = rng.choice(PCRS[:2])
    if rng.random() < 0.2:
        record["gender"] = {"min_women_share": Decimal("0.2"), "mixed_unit": True}
    return record


def synthetic_records(
    pledges: int, gaps: int, seed: int = 7, scale: int = 1, warned: float = 0.0
) -> dict[str, list[dict[str, Any]]]:
    """Records by folder: conferences, pledges and gaps; every quantity (1 to 3) times ``scale``;
    about a ``warned`` share of the pledges with a warning."""
    rng = random.Random(seed)
    numbers: Counter[tuple[str, str]] = Counter()
    pledge_records = []
    for _ in range(pledges):
        conference_id, start = rng.choice(CONFERENCES)
        state = rng.choice(STATES)
        numbers[conference_id, state] += 1
        identifier = f"{conference_id}-{state}-{numbers[conference_id, state]:03d}"
        pledge_records.append(pledge(rng, identifier, conference_id, state, start))
    gap_records = [gap(rng, number) for number in range(gaps)]
    if scale != 1:
        scale_quantities(pledge_records, gap_records, scale)
    if warned:
        add_warnings(pledge_records, gap_records, warned, seed)
    return {
        "conferences": [conference(identifier, start) for identifier, start in CONFERENCES],
        "pledges": pledge_records,
        "gaps": gap_records,
    }


def scale_quantities(pledges: list[dict[str, Any]], gaps: list[dict[str, Any]], scale: int) -> None:
    """Multiply every offer's and every gap's quantity, short or long form, by ``scale``."""
    holders = [offer for record in pledges for offer in record["offers"]] + gaps
    for holder in holders:
        quantity = holder["quantity"]
        if isinstance(quantity, dict):
            quantity["value"] *= scale
        else:
            holder["quantity"] = quantity * scale


FIRST_TARGET_YEAR = 2018
"""The first year of the gender parity targets (package reference data)."""


def add_warnings(pledges: list[dict[str, Any]], gaps: list[dict[str, Any]], share: float, seed: int) -> None:
    """Give about ``share`` of the pledges a warning: a declared answer to a gap of another
    capability (responds-to-ineligible-gap), or too few women (women-below-target)."""
    rng = random.Random(seed + 1)
    by_capability: dict[str, list[str]] = {}
    for record in gaps:
        by_capability.setdefault(record["capability"], []).append(record["id"])
    for record in pledges:
        if rng.random() >= share:
            continue
        offered = {offer["capability"] for offer in record["offers"]}
        others = [
            gap_id for capability, ids in by_capability.items() if capability not in offered for gap_id in ids
        ]
        before_targets = record["announced_on"].year < FIRST_TARGET_YEAR  # no parity target to miss
        if others and (before_targets or rng.random() < 0.5):
            record["responds_to"] = [rng.choice(others)]
        else:
            personnel = record["offers"][0]["personnel"]
            personnel["women"] = personnel["total"] // 50


class _PlainDumper(yaml.SafeDumper):
    """Writes shared objects out in full (ledger files refuse anchors and aliases), decimals as numbers."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


_PlainDumper.add_representer(
    Decimal, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:float", str(value))
)


def write_ledger(root: Path, pledges: int, gaps: int, seed: int = 7, warned: float = 0.0) -> Path:
    """Write a synthetic ledger under ``root`` (about a ``warned`` share of its pledges with a
    warning); return ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "ledger.yaml").write_text("format: 2\ntitle: Synthetic ledger for benchmarks\n", encoding="utf-8")
    for kind, records in synthetic_records(pledges, gaps, seed, warned=warned).items():
        folder = root / kind
        folder.mkdir(parents=True, exist_ok=True)
        for record in records:
            text = yaml.dump(record, Dumper=_PlainDumper, sort_keys=False, allow_unicode=True)
            (folder / f"{record['id']}.yaml").write_text(text, encoding="utf-8")
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--pledges", type=int, default=1000)
    parser.add_argument("--gaps", type=int, default=100)
    parser.add_argument("--warned", type=float, default=0.0, help="share of the pledges with a warning")
    arguments = parser.parse_args()
    write_ledger(arguments.out, arguments.pledges, arguments.gaps, warned=arguments.warned)
    print(f"wrote {arguments.pledges} pledges and {arguments.gaps} gaps to {arguments.out}")


if __name__ == "__main__":
    main()
