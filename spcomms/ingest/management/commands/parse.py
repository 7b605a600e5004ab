import json

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from spcomms.ingest.actions import link_mandates, mandate_index
from spcomms.ingest.errors import ParseError
from spcomms.ingest.files import letter_files
from spcomms.ingest.gaps import unfilled
from spcomms.ingest.parse import parse_file

_SHOWN = 90  # characters of a question in the summary


class Command(BaseCommand):
    help = "Parse letters (txt, md, pdf, docx) and print a summary of each, or --json records, without saving."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="letter files or folders")
        parser.add_argument("--json", action="store_true", help="print the records as a JSON array")

    def handle(self, paths, json: bool = False, **options):
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
            record["warnings"] = unfilled(letter)
            if index is None:  # not checked: null, unlike [] which says every title is known
                record["registry_mandates"] = record["unknown_mandates"] = None
            else:
                self._link(record, link_mandates(letter.mandates, index))
            if json:
                for warning in record["warnings"]:
                    self.stderr.write(f"warning: {path}: {warning}")
            else:
                self.stdout.write(summary(str(path), record))
            records.append(record)
        if json:
            self.stdout.write(_dumps(records))
        if problems:
            raise CommandError("could not parse:\n  " + "\n  ".join(problems))

    def _registry(self):
        """The registry's mandates by title, or None (with a warning) when the database cannot be read."""
        try:
            return mandate_index()
        except DatabaseError as exc:
            self.stderr.write(f"warning: mandates not checked against the registry (database: {exc})")
            return None

    def _link(self, record: dict, linked: list) -> None:
        """Added keys: the registry mandate (short label) of each printed title, and the titles it does not know."""
        record["registry_mandates"] = [mandate.short if mandate else None for mandate in linked]
        record["unknown_mandates"] = [t for t, m in zip(record["mandates"], linked, strict=True) if m is None]
        record["warnings"] += [f"unknown mandate, not in the registry: {t}" for t in record["unknown_mandates"]]


def summary(path: str, record: dict) -> str:
    """A few lines a person reads: reference and date, addressee, mandates, questions, signatories, warnings."""
    addressee = record["addressee"]
    who = addressee["name"] or "(organisation not found)"
    if addressee["person"]:
        who += f", {addressee['person']}"
    labels = record.get("registry_mandates") or []
    mandates = [label or title for label, title in zip(labels, record["mandates"], strict=False)] or record["mandates"]
    lines = [
        path,
        f"  reference    {record['reference']}, dated {record['date']}",
        f"  addressee    {who} ({addressee['kind']})",
        f"  mandates     {len(record['mandates'])}: {'; '.join(mandates) or '—'}",
        f"  questions    {len(record['questions'])}",
    ]
    lines += [f"    {n}. {_shortened(q)}" for n, q in enumerate(record["questions"], 1)]
    signatories = ", ".join(s["name"] for s in record["signatories"]) or "—"
    lines.append(f"  signatories  {len(record['signatories'])}: {signatories}")
    lines.append(f"  footnotes    {len(record['footnotes'])}")
    lines.append(f"  warnings     {len(record['warnings']) or 'none'}")
    lines += [f"    - {warning}" for warning in record["warnings"]]
    return "\n".join(lines) + "\n"


def _shortened(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1].rstrip() + "…"


def _dumps(records: list) -> str:
    return json.dumps(records, indent=2, ensure_ascii=False)
