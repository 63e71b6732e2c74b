"""Rewrite the generated parts of data/README.md and data/datapackage.json from the schema and the data.

Run after changing maclineup/schema.py or the benchmark scores; tests fail until the files match again.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from maclineup.dictionary import derived_markdown, dictionary_markdown, index_markdown, make_resource_schema  # noqa: E402
from maclineup.loading import load_dataset  # noqa: E402
from maclineup.schema import TABLES  # noqa: E402

BEGIN, END = "<!-- BEGIN GENERATED: {} -->", "<!-- END GENERATED: {} -->"


def replace_block(text: str, name: str, body: str) -> str:
    """Replace the text between the BEGIN/END markers called ``name``."""
    start, end = BEGIN.format(name), END.format(name)
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{start}\n{body}\n{end}{tail}"


def main() -> None:
    readme = ROOT / "data" / "README.md"
    text = readme.read_text(encoding="utf-8")
    for table in TABLES:
        text = replace_block(text, table.name, dictionary_markdown(table))
    text = replace_block(text, "derived", derived_markdown())
    for name, body in index_markdown(load_dataset(ROOT / "data").index).items():
        text = replace_block(text, name, body)
    readme.write_text(text, encoding="utf-8")

    package_path = ROOT / "data" / "datapackage.json"
    package = json.loads(package_path.read_text(encoding="utf-8"))
    by_name = {r["name"]: r for r in package["resources"]}
    for table in TABLES:
        by_name[table.name]["schema"] = make_resource_schema(table)
        by_name[table.name]["profile"] = "tabular-data-resource"
    if len(str(package.get("created", ""))) == 10:
        package["created"] = f"{package['created']}T00:00:00Z"  # Frictionless wants an ISO 8601 date-time
    package_path.write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
