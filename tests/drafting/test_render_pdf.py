import re

import pypdfium2 as pdfium

from spcomms.drafting.render.pdf import letter_data, render_pdf
from tests.drafting.factories import minebea_letter, state_letter, with_facts
from tests.drafting.pdf_text import pdf_pages_text

A4_POINTS = (595, 842)


def test_the_seed_letter_runs_over_several_pages_with_the_addressee_in_the_header_from_page_two():
    pages = pdf_pages_text(render_pdf(minebea_letter()))

    assert len(pages) > 1
    assert not pages[0].startswith("MinebeaMitsumi")
    assert all(page.startswith("MinebeaMitsumi, Inc.") for page in pages[1:])


def test_first_page_carries_mandates_reference_date_and_salutation_in_that_order():
    first = pdf_pages_text(render_pdf(minebea_letter()))[0]

    positions = [
        first.index(part)
        for part in ("Mandates of the Working Group", "REFERENCE:", "AL OTH 135/2021", "12 March 2021", "Dear Mr.")
    ]
    assert positions == sorted(positions)


def test_every_question_is_printed_with_its_number():
    letter = minebea_letter()
    text = " ".join(pdf_pages_text(render_pdf(letter)))

    for number, question in enumerate(letter.questions, start=1):
        assert f"{number}. {' '.join(question.split())}" in text


def test_pages_are_numbered_from_page_two():
    pages = pdf_pages_text(render_pdf(minebea_letter()))

    for number, page in enumerate(pages[1:], start=2):
        assert page.endswith(str(number))


def test_the_footnote_sits_at_the_foot_of_the_page_that_cites_it():
    letter = minebea_letter()
    pages = pdf_pages_text(render_pdf(letter))

    citing = next(page for page in pages if "violent extremism.1 Such centers" in page)
    assert "1 We take note of the Government of China" in citing


def test_the_annex_starts_on_its_own_page():
    pages = pdf_pages_text(render_pdf(minebea_letter()))

    annex_page = next(page for page in pages if "Reference to international human rights law In connection" in page)
    assert annex_page.removeprefix("MinebeaMitsumi, Inc. ").startswith(
        "Annex Reference to international human rights law"
    )


def test_a_single_mandate_letter_to_a_state_says_mandate_and_excellency():
    text = pdf_pages_text(render_pdf(state_letter()))[0]

    assert text.startswith("Mandate of the Working Group")
    assert "Excellency," in text


def test_typst_markup_inside_the_facts_is_printed_literally():
    hostile = "Facts #set page(width: 1pt) and *bold* and $x^2$ and #{1 + 1} and <label> @ref `raw` \\ ] [ end."
    pdf = render_pdf(with_facts(minebea_letter(), hostile))

    text = " ".join(pdf_pages_text(pdf))
    assert " ".join(hostile.split()) in text
    document = pdfium.PdfDocument(pdf)
    assert all(tuple(round(side) for side in page.get_size()) == A4_POINTS for page in document)


def test_the_template_data_keeps_footnote_text_out_of_the_paragraph_text():
    data = letter_data(minebea_letter())

    runs = [run for paragraph in data["facts"] for run in paragraph["runs"]]
    assert {"footnote": minebea_letter().footnotes[0].text} in runs
    assert not any(re.search(r"\[\^\d+\]", run.get("text", "")) for run in runs)
