"""`{% releases_about reference %}`: the public press releases about a public communication's case.

A template tag, so that the portal's letter page can link to /news/ without the portal (a lower layer) importing
this app: the page loads the library by name.
"""

from django import template

from spcomms.lib.references import ReferenceError, parse_reference

from .. import news

register = template.Library()


@register.inclusion_tag("reports/_releases_about.html")
def releases_about(reference: str):
    try:
        releases = news.releases_for_reference(parse_reference(reference))
    except ReferenceError:
        releases = []
    return {"releases": releases}
