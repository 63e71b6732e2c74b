"""Write site/: every view's default state as an interactive page, plotly.js, the data files (`make site`)."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from maclineup.loading import load_dataset  # noqa: E402
from maclineup.site import write_site  # noqa: E402


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    pages = write_site(load_dataset(ROOT / "data"), ROOT / "data", out, date.today(), os.environ.get("APP_URL", ""))
    print(f"{out}: {len(pages)} pages")


if __name__ == "__main__":
    main()
