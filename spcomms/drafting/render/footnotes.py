"""Real Word footnotes for python-docx, which has no API for them.

Adds the `word/footnotes.xml` part (with the two separator notes Word requires, ids -1 and 0), relates it to the
document, and puts `<w:footnoteReference>` runs in the text. Elements are built with lxml: no text is spliced into XML.
"""

from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import nsdecls, qn
from lxml import etree

FOOTNOTES_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


class FootnoteWriter:
    def __init__(self, document, texts: dict[int, str]):
        self.document = document
        self.texts = texts
        self.root = etree.fromstring(f"<w:footnotes {nsdecls('w')}/>")
        for note_id, kind, mark in (
            (-1, "separator", "w:separator"),
            (0, "continuationSeparator", "w:continuationSeparator"),
        ):
            note = self._element("w:footnote", {"w:type": kind, "w:id": str(note_id)})
            self.root.append(note)
            paragraph = self._element("w:p")
            run = self._element("w:r")
            run.append(self._element(mark))
            paragraph.append(run)
            note.append(paragraph)
        self.count = 0

    def reference(self, paragraph, number: int) -> None:
        """Add footnote `number` at the end of `paragraph`: the superscript mark in the text, the note in the part."""
        self.count += 1
        run = paragraph.add_run()
        run.font.superscript = True
        run._r.append(self._element("w:footnoteReference", {"w:id": str(self.count)}))
        note = self._element("w:footnote", {"w:id": str(self.count)})
        note_paragraph = self._element("w:p")
        mark = self._element("w:r")
        mark.append(self._run_properties(superscript=True))
        mark.append(self._element("w:footnoteRef"))
        text_run = self._element("w:r")
        text_run.append(self._run_properties())
        text = self._element("w:t", {"xml:space": "preserve"})
        text.text = " " + self.texts.get(number, "")
        text_run.append(text)
        note_paragraph.extend([mark, text_run])
        note.append(note_paragraph)
        self.root.append(note)

    def save(self) -> None:
        if not self.count:
            return
        document_part = self.document.part
        blob = etree.tostring(self.root, xml_declaration=True, encoding="UTF-8", standalone=True)
        part = Part(PackURI("/word/footnotes.xml"), FOOTNOTES_CONTENT_TYPE, blob, document_part.package)
        document_part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)

    @staticmethod
    def _element(tag: str, attributes: dict[str, str] | None = None):
        element = OxmlElement(tag)
        for name, value in (attributes or {}).items():
            element.set(qn(name) if name.startswith("w:") else "{http://www.w3.org/XML/1998/namespace}space", value)
        return element

    def _run_properties(self, superscript: bool = False):
        properties = self._element("w:rPr")
        if superscript:
            properties.append(self._element("w:vertAlign", {"w:val": "superscript"}))
        properties.append(self._element("w:sz", {"w:val": "20"}))  # 10 pt
        return properties
