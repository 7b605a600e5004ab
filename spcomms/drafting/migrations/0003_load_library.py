"""Ship the clause library and question bank (spcomms/drafting/data/library.json). Safe to run on a database that
already has some of them: existing keys and question IDs are left as they are."""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "library.json"


def load(apps, schema_editor):
    Clause = apps.get_model("drafting", "Clause")
    Question = apps.get_model("drafting", "Question")
    QuestionSet = apps.get_model("drafting", "QuestionSet")
    QuestionSetItem = apps.get_model("drafting", "QuestionSetItem")
    library = json.loads(DATA.read_text(encoding="utf-8"))
    for clause in library["clauses"]:
        Clause.objects.get_or_create(
            key=clause["key"],
            version=1,
            defaults={"title": clause["title"], "text": clause["text"], "source": clause["source"]},
        )
    questions = {}
    for question in library["questions"]:
        questions[question["qid"]], _ = Question.objects.get_or_create(
            qid=question["qid"], version=1, defaults={"text": question["text"], "source": question["source"]}
        )
    for item in library["question_sets"]:
        question_set, created = QuestionSet.objects.get_or_create(
            name=item["name"], defaults={"description": item["description"]}
        )
        if created:
            for position, qid in enumerate(item["qids"], start=1):
                QuestionSetItem.objects.create(question_set=question_set, question=questions[qid], position=position)


class Migration(migrations.Migration):
    dependencies = [("drafting", "0002_library_provenance")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
