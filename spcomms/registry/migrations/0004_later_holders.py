"""Holders in office after 2021 for the mandates of the sample case, and a corrected term end (SOURCES.md,
"Later holders"). Loads the shipped holders again: rows already there are left as they are, except the corrected
end of Fernand de Varennes' term where it still has the value shipped before."""

import datetime as dt
import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "registry_2021.json"
CORRECTED_END = ("Fernand de Varennes", dt.date(2023, 7, 31), dt.date(2023, 10, 31))


def _date(value):
    return dt.date.fromisoformat(value) if value else None


def load(apps, schema_editor):
    Mandate = apps.get_model("registry", "Mandate")
    MandateHolder = apps.get_model("registry", "MandateHolder")
    for item in json.loads(DATA.read_text(encoding="utf-8"))["holders"]:
        mandate = Mandate.objects.filter(title=item["mandate"]).first()
        if mandate is None:
            continue
        MandateHolder.objects.get_or_create(
            mandate=mandate,
            name=item["name"],
            term_start=_date(item["term_start"]),
            defaults={"printed_title": item["printed_title"], "term_end": _date(item["term_end"])},
        )
    name, shipped, corrected = CORRECTED_END
    MandateHolder.objects.filter(name=name, term_end=shipped).update(term_end=corrected)


class Migration(migrations.Migration):
    dependencies = [("registry", "0003_holderaccount_from_workflow")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
