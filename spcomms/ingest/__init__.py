"""Read published letters (text, Markdown, PDF, DOCX) into `spcomms.lib.letter.Letter` records.

Pure Python: importable without Django settings. Linking mandate titles to registry Mandates, storing records and
grouping letters into Cases is the caller's job.
"""

from spcomms.ingest.errors import ParseError
from spcomms.ingest.extract import extract_bytes, extract_text
from spcomms.ingest.parse import parse_bytes, parse_file, parse_text

__all__ = ["ParseError", "extract_bytes", "extract_text", "parse_bytes", "parse_file", "parse_text"]
