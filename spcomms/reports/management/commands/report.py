import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from spcomms.reports.render.formats import BINARY, FORMATS, TABLES, render_report
from spcomms.reports.report import build_report
from spcomms.reports.sessions import SessionError, parse_session


class Command(BaseCommand):
    help = "Render the communications report to a Council session (a draft, from the published register)."

    def add_arguments(self, parser):
        parser.add_argument("--session", required=True, help="session number, e.g. 48 (September 2021)")
        parser.add_argument("--format", "-f", choices=list(FORMATS), default="html")
        parser.add_argument("--table", choices=list(TABLES), default="communications", help="which table, for csv")
        parser.add_argument("-o", "--output", help="file to write; default: standard output (text formats only)")

    def handle(self, session, format, table, output, **options):
        try:
            number = parse_session(session)
        except SessionError as exc:
            raise CommandError(str(exc)) from None
        if format in BINARY and not output and sys.stdout.isatty():
            raise CommandError(f"{format} is a binary format: write it to a file with -o FILE (or redirect stdout)")
        content = render_report(build_report(number), format, table)
        if output:
            try:
                Path(output).write_bytes(content)
            except OSError as exc:
                raise CommandError(f"cannot write {output}: {exc.strerror or exc}") from None
            self.stderr.write(f"session {number} → {output} ({len(content):,} bytes)")
        else:
            sys.stdout.buffer.write(content)
            sys.stdout.buffer.flush()
