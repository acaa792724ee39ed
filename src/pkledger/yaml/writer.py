"""Writing a record as YAML the way ledger files are written: block style, list items indented
under their key, decimals as numbers, dates unquoted, text that could be misread quoted."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import yaml


class _RecordDumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def ignore_aliases(self, data: Any) -> bool:
        return True  # ledger files refuse anchors and aliases


_RecordDumper.add_representer(
    Decimal, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:float", str(value))
)


def dump_record(fields: dict[str, Any]) -> str:
    """The fields as YAML text, in the order given."""
    return yaml.dump(fields, Dumper=_RecordDumper, sort_keys=False, allow_unicode=True, width=100)
