"""`{% press_flags %}`: on the staff dashboard, the cases whose letters announce a press release that has not been
issued (a template tag, so that workflow's dashboard links here without importing this higher layer)."""

from django import template

from .. import news

register = template.Library()


@register.inclusion_tag("reports/_press_flags.html")
def press_flags():
    flagged = news.flagged_cases()
    return {"flagged": flagged[:20], "count": flagged.count()}
