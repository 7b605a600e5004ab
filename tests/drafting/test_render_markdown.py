from spcomms.drafting.render.markdown import escape, render_markdown
from tests.drafting.factories import minebea_letter, with_facts


def test_header_is_bold_questions_numbered_annex_a_heading_and_footnotes_markdown():
    letter = minebea_letter()
    markdown = render_markdown(letter)

    assert markdown.startswith("**Mandates of the Working Group")
    assert "\n1. Please provide any additional" in markdown
    assert "\n8. Please provide information, if any" in markdown
    assert "\n## Annex\n" in markdown
    assert "violent extremism.[^1] Such centers" in markdown
    assert "\n[^1]: We take note of the Government" in markdown


def test_markdown_syntax_in_the_text_is_escaped():
    markdown = render_markdown(
        with_facts(minebea_letter(), "# Not a heading with *stars* and [link](x) <b>\n\n1. not a list")
    )

    assert "\\# Not a heading with \\*stars\\* and \\[link\\](x) \\<b\\>" in markdown
    assert "\n1\\. not a list" in markdown


def test_escape_leaves_plain_prose_alone():
    assert escape("In this connection, we have received information.") == (
        "In this connection, we have received information."
    )
    assert escape("- dash") == "\\- dash"
