import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from spcomms.cases.models import Communication
from spcomms.drafting.render.formats import FORMATS, render_as
from spcomms.lib.letter import Letter
from spcomms.lib.references import ReferenceError, parse_reference

BINARY_FORMATS = {"pdf", "docx"}  # never written to a terminal, where the bytes are garbage


class Command(BaseCommand):
    help = "Render a letter on file (its stored snapshot) as txt, md, html, pdf or docx."

    def add_arguments(self, parser):
        parser.add_argument("reference", help="e.g. 'AL OTH 135/2021' (quote it: it contains spaces)")
        parser.add_argument("--format", "-f", choices=list(FORMATS), default="txt")
        parser.add_argument("-o", "--output", help="file to write; default: standard output")

    def handle(self, reference, format, output, **options):
        if format in BINARY_FORMATS and not output and sys.stdout.isatty():
            raise CommandError(f"{format} is a binary format: write it to a file with -o FILE (or redirect the output)")
        try:
            ref = parse_reference(reference)
        except ReferenceError as exc:
            raise CommandError(f"{reference!r} is not a reference like 'AL OTH 135/2021': {exc}") from None
        comm = Communication.objects.filter(ref_code=ref.code, ref_number=ref.number, ref_year=ref.year).first()
        if comm is None:
            raise CommandError(f"no communication {ref} on file")
        if not comm.letter:
            raise CommandError(f"{comm.reference} has no letter snapshot yet: generate its letters first")
        rendered = render_as(Letter.from_dict(comm.letter), format)
        if output:
            try:
                Path(output).write_bytes(rendered.content)
            except OSError as exc:  # a missing folder, a folder given as the file, no permission
                raise CommandError(f"cannot write {output}: {exc.strerror or exc}") from None
            self.stderr.write(f"{comm.reference} → {output} ({len(rendered.content):,} bytes)")
        else:
            sys.stdout.buffer.write(rendered.content)
            sys.stdout.buffer.flush()
