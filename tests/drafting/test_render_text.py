from spcomms.drafting.render.phrases import mandates_header
from spcomms.drafting.render.text import render_text
from tests.drafting.factories import minebea_letter, state_letter


def test_parts_come_in_the_printed_order():
    text = render_text(minebea_letter())

    parts = [
        "Mandates of the Working Group",
        "REFERENCE:\nAL OTH 135/2021",
        "12 March 2021",
        "Dear Mr. Yoshihisa Kainuma,",
        "We have the honour",
        "We are independent",
        "In this connection, we have",
        "According to the information received:",
        "The Chinese Government",
        "While we do not wish",
        "In connection with the above alleged",
        "As it is our responsibility",
        "1. Please provide any additional",
        "8. Please provide information, if any",
        "This communication and any response",
        "We may publicly express",
        "Please note that letters",
        "Please accept, Mr. Yoshihisa Kainuma",
        "Dante Pesce\nChair-Rapporteur of the Working Group",
        "Siobhán Mullally\nSpecial Rapporteur on trafficking",
        "\n\nAnnex\n\nReference to international human rights law\n\n",
        "In connection with above alleged facts",
        "¹ We take note",
    ]
    positions = [text.index(part) for part in parts]
    assert positions == sorted(positions)


def test_footnote_token_becomes_a_superscript_marker():
    text = render_text(minebea_letter())

    assert "violent extremism.¹ Such centers" in text
    assert "[^" not in text
    assert text.rstrip().endswith("content_WS5f62cef6c6d0f7257693c192.html")


def test_mandates_header_joins_titles_as_printed():
    assert mandates_header(["A"]) == "Mandate of the A"
    assert mandates_header(["A", "B"]) == "Mandates of the A; and the B"
    assert mandates_header(["A", "B", "C"]) == "Mandates of the A; the B; and the C"


def test_date_has_no_leading_zero_and_state_letters_say_excellency():
    text = render_text(state_letter(date=minebea_letter().date.replace(day=2)))

    assert "\n\n2 March 2021\n\n" in text
    assert "\n\nExcellency,\n\n" in text
