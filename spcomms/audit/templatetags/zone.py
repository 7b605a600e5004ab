"""`{% zone_label %}`: the name of the zone the pages' times are in ("Geneva time")."""

from django import template
from django.utils import timezone

from spcomms.lib.times import zone_label as _zone_label

register = template.Library()


@register.simple_tag
def zone_label() -> str:
    abbreviation = timezone.localtime().tzname()
    label = _zone_label()
    return label if abbreviation == label else f"{label} ({abbreviation})"
