"""Every renderer (text, Markdown, HTML, standalone HTML, PDF, DOCX) takes any Unicode text without an exception.

Regression: python-docx raised ValueError on a vertical tab; the HTML preview merged CRLF paragraphs.
"""

import datetime as dt
import io

import docx
from hypothesis import given, settings
from hypothesis import strategies as st

from spcomms.drafting.render.formats import FORMATS, render_as
from spcomms.drafting.render.html import render_html
from spcomms.drafting.render.text import render_text
from spcomms.lib.letter import NON_STATE, AddresseeBlock, Footnote, Letter, Sections, Signatory


def letter(name: str, facts: str, question: str = "Please explain.", note: str = "A note.") -> Letter:
    return Letter(
        reference="AL OTH 135/2021",
        type="AL",
        code="OTH",
        number=135,
        year=2021,
        date=dt.date(2021, 3, 12),
        addressee=AddresseeBlock(name=name, kind=NON_STATE, salutation="Dear Sir/Madam,"),
        mandates=["Special Rapporteur on minority issues"],
        questions=[question],
        signatories=[Signatory(name, "Special Rapporteur on minority issues")],
        footnotes=[Footnote(1, note)],
        sections=Sections(capacity="We have the honour.", facts=facts, closing="Please accept our assurances."),
    )


def test_vertical_tab_renders_as_a_line_break_in_docx():
    content = render_as(letter("Acme\x0bHoldings", "Facts\x0bhere.[^1]"), "docx").content
    texts = "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)
    assert "Acme\nHoldings" in texts
    assert "\x0b" not in texts


def test_crlf_paragraphs_stay_paragraphs():
    html = render_html(letter("Acme", "First paragraph.\r\n\r\nSecond paragraph."))
    assert html.count("First paragraph.") == 1 and "Second paragraph." in html
    assert "<p" in html.split("First paragraph.")[1].split("Second paragraph.")[0]
    assert "\r" not in render_text(letter("Acme", "One.\r\n\r\nTwo."))


@settings(max_examples=25, deadline=None)
@given(name=st.text(min_size=1, max_size=30), facts=st.text(max_size=300), other=st.text(max_size=60))
def test_any_text_renders_in_every_format(name, facts, other):
    one = letter(name, facts, question=other or "?", note=other or "n")
    for fmt in FORMATS:
        rendered = render_as(one, fmt)
        assert rendered.content
    docx.Document(io.BytesIO(render_as(one, "docx").content))  # Word can open it
