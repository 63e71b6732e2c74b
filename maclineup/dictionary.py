"""Documentation generated from the schema: the data dictionary and Frictionless resources.

``data/README.md`` and ``data/datapackage.json`` hold copies of what these functions return;
tests fail when they drift, and ``scripts/sync_docs.py`` rewrites them.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from maclineup.export import DERIVED_COLUMNS
from maclineup.perfindex import IndexDescription
from maclineup.schema import Column, Table

_FRICTIONLESS_TYPES = {"str": "string", "int": "integer", "float": "number", "date": "date"}


def make_dictionary_frame(table: Table) -> pd.DataFrame:
    """One row per column: name, type, unit, rules, description."""
    return pd.DataFrame(
        {
            "column": [c.name for c in table.columns],
            "type": [c.kind for c in table.columns],
            "unit": [c.unit for c in table.columns],
            "rules": [c.rules() for c in table.columns],
            "description": [c.description for c in table.columns],
        }
    )


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def dictionary_markdown(table: Table) -> str:
    """The data dictionary of ``table`` as a Markdown table."""
    lines = ["| column | type | unit | rules | description |", "|---|---|---|---|---|"]
    for _, row in make_dictionary_frame(table).iterrows():
        lines.append("| " + " | ".join(_cell(str(row[k])) for k in ("column", "type", "unit", "rules", "description")) + " |")
    return "\n".join(lines)


def derived_markdown() -> str:
    """The columns the downloads add to the catalogue, as a Markdown table."""
    lines = ["| column | unit | description |", "|---|---|---|"]
    lines += [f"| {name} | {unit} | {_cell(desc)} |" for name, (unit, desc) in DERIVED_COLUMNS.items()]
    return "\n".join(lines)


def _field(col: Column) -> dict[str, Any]:
    field: dict[str, Any] = {"name": col.name, "type": _FRICTIONLESS_TYPES[col.kind], "description": col.description}
    if col.unit and col.kind != "date":
        field["unit"] = col.unit
    constraints: dict[str, Any] = {}
    if col.required:
        constraints["required"] = True
    if col.unique:
        constraints["unique"] = True
    if col.allowed:
        constraints["enum"] = list(col.allowed)
    if col.minimum is not None:
        constraints["minimum"] = col.minimum
    if col.maximum is not None:
        constraints["maximum"] = col.maximum
    if col.pattern:
        constraints["pattern"] = col.pattern
    if constraints:
        field["constraints"] = constraints
    return field


def make_resource_schema(table: Table) -> dict[str, Any]:
    """Frictionless Table Schema for ``table``."""
    # A table whose rows are unique only in combination (a benchmark score) declares that combination.
    key: str | list[str] = list(table.unique_together) if table.unique_together else table.key
    return {"fields": [_field(c) for c in table.columns], "primaryKey": key, "missingValues": [""]}


def frame_markdown(frame: pd.DataFrame) -> str:
    """Any small table as Markdown (empty cells for missing values)."""
    lines = ["| " + " | ".join(_cell(str(c)) for c in frame.columns) + " |", "|" + "---|" * len(frame.columns)]
    for row in frame.itertuples(index=False):
        lines.append("| " + " | ".join("" if pd.isna(v) else _cell(str(v)) for v in row) + " |")
    return "\n".join(lines)


def index_markdown(index: IndexDescription) -> dict[str, str]:
    """The generated blocks of the README's performance-index section: the benchmark chain and confidence per era."""
    return {"index-chain": frame_markdown(index.chain), "index-confidence": frame_markdown(index.confidence)}
