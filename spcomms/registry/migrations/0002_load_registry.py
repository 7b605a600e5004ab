"""Ship the registry: UN Member and observer States (ISO 3166 alpha-3, UN short names), the mandates active in
2021 with their titles as printed in letters, and their 2021 holders. Sources: spcomms/registry/data/SOURCES.md."""

import datetime as dt
import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"


def _date(value):
    return dt.date.fromisoformat(value) if value else None


def load(apps, schema_editor):
    Mandate = apps.get_model("registry", "Mandate")
    MandateHolder = apps.get_model("registry", "MandateHolder")
    Addressee = apps.get_model("registry", "Addressee")

    for state in json.loads((DATA / "states.json").read_text()):
        Addressee.objects.get_or_create(
            kind="state", iso3=state["iso3"], defaults={"name": state["name"], "code": state["iso3"]}
        )

    registry = json.loads((DATA / "registry_2021.json").read_text())
    by_title = {}
    for item in registry["mandates"]:
        by_title[item["title"]], _ = Mandate.objects.get_or_create(
            title=item["title"],
            defaults={
                "short": item["short"],
                "kind": item["kind"],
                "country": item["country"] or "",
                "resolution": item["resolution"] or "",
                "established": item["established"],
                "active": True,
            },
        )
    for item in registry["holders"]:
        MandateHolder.objects.get_or_create(
            mandate=by_title[item["mandate"]],
            name=item["name"],
            term_start=_date(item["term_start"]),
            defaults={"printed_title": item["printed_title"], "term_end": _date(item["term_end"])},
        )


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
