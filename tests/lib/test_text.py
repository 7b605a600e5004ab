"""spcomms.lib.text.clean_text: the text-hygiene rule applied at every boundary and in every renderer."""

from xml.sax.saxutils import escape

from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from spcomms.lib.text import clean_text, clean_tree


def test_line_ends_become_newlines():
    assert clean_text("one\r\ntwo\rthree\nfour") == "one\ntwo\nthree\nfour"


def test_vertical_tab_and_form_feed_become_line_breaks():
    assert clean_text("Acme\x0bHoldings\x0cLtd") == "Acme\nHoldings\nLtd"


def test_other_controls_are_removed_but_tab_kept():
    assert clean_text("a\x00b\x07c\x1bd\te\x1f") == "abcd\te"


def test_characters_xml_cannot_hold_are_replaced():
    assert clean_text("x\ud800y\ufffez\uffff") == "x\ufffdy\ufffdz\ufffd"


def test_ordinary_text_is_unchanged():
    text = "Excellency,\n\nWe have the honour — «Ünïcode» 中文 العربية 😀\tend"
    assert clean_text(text) == text


def test_clean_tree_reaches_nested_strings_only():
    assert clean_tree({"a": ["x\x0by", ("\r\n", 3)], "b": None}) == {"a": ["x\ny", ("\n", 3)], "b": None}


@given(st.text())
def test_any_text_comes_out_as_xml_character_data(text):
    cleaned = clean_text(text)
    assert "\r" not in cleaned
    # lxml refuses what XML 1.0 cannot hold (the ValueError python-docx raised)
    assert etree.fromstring(f"<p>{escape(cleaned)}</p>".encode("utf-8", "surrogatepass")).text in (cleaned, None)
    assert clean_text(cleaned) == cleaned
