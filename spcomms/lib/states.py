"""UN short names of States by ISO 3166 alpha-3 code, from the registry's shipped data (no database needed)."""

import json
from functools import cache
from pathlib import Path

_STATES = Path(__file__).resolve().parent.parent / "registry" / "data" / "states.json"


@cache
def un_state_names() -> dict[str, str]:
    return {item["iso3"]: item["name"] for item in json.loads(_STATES.read_text(encoding="utf-8"))}
