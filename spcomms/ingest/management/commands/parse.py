import json

from django.core.management.base import BaseCommand, CommandError

from spcomms.ingest.errors import ParseError
from spcomms.ingest.files import letter_files
from spcomms.ingest.parse import parse_file


class Command(BaseCommand):
    help = "Parse letters (txt, md, pdf, docx) and print their structured records as JSON, without saving."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="letter files or folders")
        parser.add_argument("--json", action="store_true", help="print a JSON array (the default and only format)")

    def handle(self, paths, **options):
        files, problems = letter_files(paths)
        records = []
        for path in files:
            try:
                records.append(parse_file(path).to_dict())
            except ParseError as exc:
                problems.append(str(exc))
        self.stdout.write(json.dumps(records, indent=2, ensure_ascii=False))
        if problems:
            raise CommandError("could not parse:\n  " + "\n  ".join(problems))
