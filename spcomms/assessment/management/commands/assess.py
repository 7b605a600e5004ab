import json

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from spcomms.assessment.reading import addressee_kind, letter_questions
from spcomms.cases.models import Communication
from spcomms.ingest.errors import ParseError
from spcomms.ingest.extract import extract_text
from spcomms.lib.reading.assess import assess_reply
from spcomms.lib.references import ReferenceError, parse_reference

LABEL_MARK = {"answered": "✔ answered", "partly": "◐ partly", "not_addressed": "✘ not addressed"}


class Command(BaseCommand):
    help = "Read a reply file against its letter's questions: labels, evidence, rubric (nothing is saved)."

    def add_arguments(self, parser):
        parser.add_argument("reply_file", metavar="REPLY_FILE", help="the reply (txt, md, pdf, docx)")
        parser.add_argument("--letter", required=True, metavar="REFERENCE", help='e.g. "AL OTH 135/2021"')
        parser.add_argument("--json", action="store_true", dest="as_json", help="print JSON instead of a summary")

    def handle(self, reply_file, letter, as_json, **options):
        comm = self._communication(letter)
        questions = letter_questions(comm)
        if not questions:
            raise CommandError(f"{comm.reference}: the register's letter has no numbered questions to read against")
        try:
            text, _ = extract_text(reply_file)
        except ParseError as exc:
            raise CommandError(str(exc)) from None
        result = assess_reply(text, questions, addressee_kind(comm))
        record = result.to_dict(comm.reference)
        if as_json:
            self.stdout.write(_dumps(record))
        else:
            self._summary(record)

    def _communication(self, reference: str) -> Communication:
        try:
            ref = parse_reference(reference)
        except ReferenceError as exc:
            raise CommandError(f"--letter: {exc}") from None
        try:
            comm = (
                Communication.objects.select_related("addressee")
                .filter(ref_code=ref.code, ref_number=ref.number, ref_year=ref.year)
                .first()
            )
        except DatabaseError as exc:
            raise CommandError(f"cannot read the register: {exc}") from None
        if comm is None:
            raise CommandError(f"--letter: {ref} is not in the register (ingest the letter first: spcomms ingest)")
        return comm

    def _summary(self, record: dict) -> None:
        refusal = " · declines to answer some questions" if record["refuses_to_answer"] else ""
        self.stdout.write(f"{record['reference']} · language {record['language']}{refusal}")
        for q in record["questions"]:
            self.stdout.write(f"  Q{q['number']}: {LABEL_MARK[q['label']]} ({q['confidence']:.2f}) {q['note']}")
            for passage in q["evidence"]:
                self.stdout.write(f"      “{passage}”")
        self.stdout.write("rubric:")
        for code, item in record["rubric"].items():
            self.stdout.write(f"  {item['score']}  {code}")


def _dumps(record: dict) -> str:
    return json.dumps(record, indent=2, ensure_ascii=False)
