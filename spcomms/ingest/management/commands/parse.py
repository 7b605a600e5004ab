import json

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from spcomms.ingest.actions import link_mandates, mandate_index
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
        index = self._registry()
        records = []
        for path in files:
            try:
                letter = parse_file(path)
            except ParseError as exc:
                problems.append(str(exc))
                continue
            record = letter.to_dict()
            if index is None:  # not checked: null, unlike [] which says every title is known
                record["registry_mandates"] = record["unknown_mandates"] = None
            else:
                self._link(record, link_mandates(letter.mandates, index), path)
            records.append(record)
        self.stdout.write(json.dumps(records, indent=2, ensure_ascii=False))
        if problems:
            raise CommandError("could not parse:\n  " + "\n  ".join(problems))

    def _registry(self):
        """The registry's mandates by title, or None (with a warning) when the database cannot be read."""
        try:
            return mandate_index()
        except DatabaseError as exc:
            self.stderr.write(f"warning: mandates not checked against the registry (database: {exc})")
            return None

    def _link(self, record: dict, linked: list, path) -> None:
        """Added keys: the registry mandate (short label) of each printed title, and the titles it does not know."""
        record["registry_mandates"] = [mandate.short if mandate else None for mandate in linked]
        record["unknown_mandates"] = [t for t, m in zip(record["mandates"], linked, strict=True) if m is None]
        if not record["mandates"]:
            self.stderr.write(f"warning: {path}: no mandates found (expected 'Mandates of the …' above the reference)")
        for title in record["unknown_mandates"]:
            self.stderr.write(f"warning: {path}: unknown mandate, not in the registry: {title}")
