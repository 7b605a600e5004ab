"""docs/architecture.md names real files, and answers its three questions with one file each."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "architecture.md").read_text()
PREFIXES = ("spcomms/", "lib/", "audit/", "registry/", "cases/", "drafting/", "portal/", "ingest/", "workflow/")


def named_paths():
    for path in re.findall(r"`([a-z_/.]+(?:\.py|/))[`\s]", DOC):
        if path.startswith("spcomms/"):
            yield path
        elif path.startswith(PREFIXES[1:]) or path.startswith("adminsite/"):
            yield "spcomms/" + path
        elif path.startswith("tests/"):
            yield path


def test_every_module_it_names_exists():
    paths = list(named_paths())
    assert len(paths) > 40
    missing = [p for p in paths if not (ROOT / p).exists()]
    assert missing == []


def test_it_answers_where_with_one_file_each():
    for question, answer in [
        ("a letter is published", "workflow/actions/publication.py"),
        ("Where the 60 comes from", "cases/deadlines.py"),
        ("A facet is counted", "portal/facets.py"),
    ]:
        paragraph = next(p for p in DOC.split("\n\n") if question in p)
        assert answer in paragraph and (ROOT / "spcomms" / answer).exists()
