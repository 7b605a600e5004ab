"""`{{ fraction|percent }}`: shares printed by the one rule of spcomms.lib.shares."""

from django import template

from spcomms.lib.shares import percent as percent_of

register = template.Library()


@register.filter
def percent(fraction):
    return percent_of(fraction)
