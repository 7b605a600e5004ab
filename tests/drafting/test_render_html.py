from django.utils import translation

from spcomms.drafting.render.html import render_html
from tests.drafting.factories import minebea_letter, with_facts


def test_letter_is_an_article_fragment_with_the_printed_parts():
    html = render_html(minebea_letter())

    assert html.strip().startswith('<article class="letter"')
    for part in ("REFERENCE:", "AL OTH 135/2021", "12 March 2021", "According to the information received:", "Annex"):
        assert part in html


def test_script_inside_the_facts_is_escaped():
    html = render_html(with_facts(minebea_letter(), "Before <script>alert('x')</script> after & more"))

    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; after &amp; more" in html


def test_questions_are_an_ordered_list():
    letter = minebea_letter()
    html = render_html(letter)

    assert '<ol class="questions">' in html
    assert html.count("<li>") == len(letter.questions)


def test_footnote_marker_links_to_the_footnote_with_anchors_unique_per_letter():
    html = render_html(minebea_letter())

    assert 'href="#al-oth-135-2021-fn-1"' in html
    assert 'id="al-oth-135-2021-fn-1"' in html
    assert "[^1]" not in html


def test_fixed_phrases_go_through_django_translation():
    with translation.override("fr"):
        html = render_html(minebea_letter())

    assert "12 mars 2021" in html  # Django's own French catalogue translates the month
    assert "According to the information received:" in html  # no French catalogue of ours yet: English source
