"""Stock questions without another case's words (issue 12, item 4): where a shipped question still has the text of
AL OTH 135/2021 ("… of Uyghur and other minority workers …"), add a new version with placeholders and let the
shipped question sets use it. Letters keep their own text; a question edited locally is left as it is."""

import json
import re
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "library.json"
PLACEHOLDER = re.compile(r"\{([a-z][a-z ’'-]{0,58}[a-z])\}")


def load(apps, schema_editor):
    Question = apps.get_model("drafting", "Question")
    QuestionSetItem = apps.get_model("drafting", "QuestionSetItem")
    library = json.loads(DATA.read_text(encoding="utf-8"))
    words_of_2021 = {name: spec["march_2021"] for name, spec in library["placeholders"].items()}
    stock_sets = [item["name"] for item in library["question_sets"]]
    for shipped in library["questions"]:
        if not PLACEHOLDER.search(shipped["text"]):
            continue
        latest = Question.objects.filter(qid=shipped["qid"]).order_by("-version").first()
        text_of_2021 = PLACEHOLDER.sub(lambda m: words_of_2021[m[1]], shipped["text"])
        if latest is None or latest.text != text_of_2021:
            continue  # a fresh database already has the new text, or staff changed it: theirs stays
        new = Question.objects.create(
            qid=shipped["qid"], version=latest.version + 1, text=shipped["text"], source=shipped["source"]
        )
        QuestionSetItem.objects.filter(question=latest, question_set__name__in=stock_sets).update(question=new)


class Migration(migrations.Migration):
    dependencies = [("drafting", "0006_draft_placeholders")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
