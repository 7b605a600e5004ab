"""Migration 0005 on a database that still has the 2021 words in its stock questions: new versions with
placeholders, used by the shipped sets; a question staff edited stays as they left it."""

from importlib import import_module

import pytest
from django.apps import apps

from spcomms.drafting import placeholders
from spcomms.drafting.models import Question, QuestionSet
from tests.drafting.builders import SUPPLY_CHAIN_SET, WORDS_OF_2021

pytestmark = pytest.mark.django_db

MIGRATION = import_module("spcomms.drafting.migrations.0007_stock_placeholders")


def test_old_stock_questions_get_a_new_version_and_edited_ones_stay():
    due_diligence = Question.objects.get(qid="bhr-due-diligence", version=1)
    leverage = Question.objects.get(qid="bhr-leverage", version=1)
    # as a database migrated before issue 12 has them: the 2021 words, and one question edited by staff
    Question.objects.filter(pk=due_diligence.pk).update(text=placeholders.fill(due_diligence.text, WORDS_OF_2021))
    Question.objects.filter(pk=leverage.pk).update(text="Our own wording of the leverage question.")

    MIGRATION.load(apps, None)

    new = Question.objects.get(qid="bhr-due-diligence", version=2)
    assert "{affected workers}" in new.text and "Uyghur" not in new.text
    stock = QuestionSet.objects.get(name=SUPPLY_CHAIN_SET)
    used = [item.question for item in stock.items.select_related("question")]
    assert new in used and due_diligence not in used
    assert leverage in used and not Question.objects.filter(qid="bhr-leverage", version=2).exists()
    MIGRATION.load(apps, None)  # twice changes nothing
    assert Question.objects.filter(qid="bhr-due-diligence").count() == 2
