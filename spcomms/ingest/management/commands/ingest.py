from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import Progress

from spcomms.ingest.actions import IngestError, store_letter
from spcomms.ingest.errors import ParseError
from spcomms.ingest.files import letter_files
from spcomms.ingest.parse import parse_file


class Command(BaseCommand):
    help = "Ingest letters (files or folders) into the register; the same letter twice changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="letter files or folders")
        parser.add_argument(
            "--replace", action="store_true", help="replace a registered letter whose content differs (audited)"
        )

    def handle(self, paths, replace, **options):
        files, failed = letter_files(paths)
        counts = {"ingested": 0, "unchanged": 0, "replaced": 0}
        warnings = []
        console = Console(file=self.stderr._out, stderr=True)
        with Progress(console=console, transient=True, disable=len(files) < 20) as progress:
            task = progress.add_task("ingesting", total=len(files))
            for path in files:
                try:
                    outcome = store_letter(parse_file(path), replace=replace)
                except ParseError as exc:
                    failed.append(str(exc))
                except IngestError as exc:
                    failed.append(f"{path}: {exc}")
                except Exception as exc:  # a bug must not abort the batch: the letter's transaction was rolled back
                    failed.append(f"{path}: unexpected error, nothing stored ({type(exc).__name__}: {exc})")
                else:
                    counts[outcome.status] += 1
                    warnings += [f"{path}: {w}" for w in outcome.warnings]
                progress.advance(task)
        for warning in warnings:
            self.stderr.write(f"warning: {warning}")
        summary = ", ".join(f"{n} {status}" for status, n in counts.items() if n or status != "replaced")
        self.stdout.write(f"{summary}, {len(failed)} failed")
        if failed:
            raise CommandError("failed:\n  " + "\n  ".join(failed))
