"""Make an ingested case draftable: its text, questions and groups taken from the letters on file.

Then staff can add an addressee to a case of 2021 and generate a letter consistent with the ones that were sent.
"""

from __future__ import annotations

from django.db.models import Max

from spcomms.audit.actions import Action
from spcomms.cases import deadlines
from spcomms.cases.models import Case, CaseAddressee
from spcomms.drafting.models import AddresseeGroup, Draft, GroupMembership, Question, QuestionSet, QuestionSetItem
from spcomms.lib.letter import STATE, Letter


def _question_set(case: Case, questions: list[str], label: str) -> QuestionSet:
    question_set = QuestionSet.objects.create(name=f"Case {case.pk}: {label}")
    for position, text in enumerate(questions, start=1):
        question = Question.objects.create(
            qid=f"case-{case.pk}-{label.lower().replace(' ', '-')}-{position}", text=text
        )
        QuestionSetItem.objects.create(question_set=question_set, question=question, position=position)
    return question_set


def _group_for(case: Case, letter: Letter) -> AddresseeGroup:
    """The group whose questions and introduction this letter shares, or a new one."""
    for group in case.groups.select_related("question_set"):
        if group.introduction == letter.sections.introduction and group.question_set.texts() == letter.questions:
            return group
    position = (case.groups.aggregate(m=Max("position"))["m"] or 0) + 1
    label = "States" if letter.addressee.kind == STATE else "Companies"
    name = label if not case.groups.filter(name=label).exists() else f"{label} {position}"
    return AddresseeGroup.objects.create(
        case=case,
        name=name,
        position=position,
        introduction=letter.sections.introduction,
        question_set=_question_set(case, letter.questions, name),
    )


class AdoptLetter(Action):
    """Record an ingested letter's text as its case's draft (first letter) and its addressee's group; list the
    parallel addressees the letter names whose own letters are not on file."""

    permission = "cases.add_communication"
    records = ("case.letter_adopted",)

    def describe(self):
        return "record an ingested letter in its case"

    def perform(self, case: Case, member: CaseAddressee | None, letter: Letter, named: list[CaseAddressee]) -> None:
        """`member` None: the letter replaced one on file, whose text and group stay; only `named` are listed."""
        if member is not None:
            _adopt(case, member, letter)
        _list_parallel_addressees(case, named)
        group = GroupMembership.objects.get(case_addressee=member).group.name if member is not None else None
        self.audit(
            "case.letter_adopted",
            case,
            after={"reference": letter.reference, "group": group, "named": [m.addressee.name for m in named]},
        )


def _adopt(case: Case, member: CaseAddressee, letter: Letter) -> None:
    sections = letter.sections
    if not Draft.objects.filter(case=case).exists():
        Draft.objects.create(
            case=case,
            letter_date=letter.date,
            introduction=sections.introduction,
            facts=sections.facts,
            concerns=sections.concerns,
            after_questions=sections.after_questions,
            footnotes=[{"number": n.number, "text": n.text} for n in letter.footnotes],
            annex_text=sections.annex,
            press_release=bool(sections.press_release),
            publication_days=deadlines.publication_days(letter.publication_days),
        )
    # An addressee first named only in other letters now has its own letter on file: it joins a real group.
    GroupMembership.objects.filter(case_addressee=member, group__generates=False).delete()
    if not GroupMembership.objects.filter(case_addressee=member).exists():
        GroupMembership.objects.create(
            group=_group_for(case, letter), case_addressee=member, reference=letter.reference
        )


def _list_parallel_addressees(case: Case, members: list[CaseAddressee]) -> None:
    """Addressees the letters name whose own letters are not on file: kept in a group that generates nothing."""
    loose = [m for m in members if not GroupMembership.objects.filter(case_addressee=m).exists()]
    if not loose:
        return
    group, _ = AddresseeGroup.objects.get_or_create(
        case=case,
        name="Named in the letters (letters not on file)",
        defaults={"generates": False, "position": 99},
    )
    for member in loose:
        GroupMembership.objects.create(group=group, case_addressee=member)
