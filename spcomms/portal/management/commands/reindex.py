from django.core.management.base import BaseCommand, CommandError

from spcomms.cases.models import Communication
from spcomms.lib.references import ReferenceError, parse_reference
from spcomms.portal import index


class Command(BaseCommand):
    help = "Rebuild the public search index from the visibility gate (all, or the given references)."

    def add_arguments(self, parser):
        parser.add_argument("references", nargs="*", help="e.g. 'AL OTH 135/2021'; none = the whole register")

    def handle(self, references, **options):
        if not references:
            count = index.reindex_all(progress=lambda n: self.stderr.write(f"  {n} indexed", ending="\r"))
            self.stdout.write(f"indexed {count} published communications")
            return
        for text in references:
            try:
                ref = parse_reference(text)
            except ReferenceError as exc:
                raise CommandError(str(exc)) from None
            found = Communication.objects.filter(
                ref_type=ref.type, ref_code=ref.code, ref_number=ref.number, ref_year=ref.year
            ).first()
            if found is None:
                raise CommandError(f"no communication {ref}")
            public = index.reindex(found)
            self.stdout.write(f"{ref}: {'indexed' if public else 'not public, removed from the index'}")
