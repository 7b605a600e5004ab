"""Pure renderers of a `spcomms.lib.letter.Letter`: text, Markdown, HTML, PDF (Typst) and DOCX. No database access."""
