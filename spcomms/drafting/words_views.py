"""The case's words for the stock texts' placeholders, with a preview of every text that uses them."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from spcomms.cases.models import Case
from spcomms.drafting import placeholders
from spcomms.drafting.actions import SavePlaceholders, StaleVersion, takes_follow_ups
from spcomms.drafting.forms import VersionField
from spcomms.drafting.views import desk


def words_form(case: Case, data=None) -> forms.Form:
    """One field per placeholder the case's texts use (and any filled before that no text uses any more)."""
    values = placeholders.values_of(case)
    form = forms.Form(data, initial={"version": case.version, **{f"word-{n}": v for n, v in values.items()}})
    form.fields["version"] = VersionField()
    names = [use.name for use in placeholders.uses(case)]
    for name in dict.fromkeys([*names, *values]):
        used = name in names
        form.fields[f"word-{name}"] = forms.CharField(
            label="{" + name + "}",
            max_length=500,
            required=False,
            help_text=_("the words this case's letters print here") if used else _("no text of the case uses it"),
        )
    return form


def submitted_words(form: forms.Form) -> dict[str, str]:
    return {key.removeprefix("word-"): value for key, value in form.cleaned_data.items() if key.startswith("word-")}


def previews(case: Case, values: dict[str, str]) -> list[tuple[str, list]]:
    """(where, parts) of each stock text that has a placeholder, filled with `values`."""
    return [
        (where, placeholders.preview(text, values))
        for where, text in placeholders.stock_texts(case)
        if placeholders.names_in(text)
    ]


@desk("drafting.change_draft")
def words_edit(request, pk):
    case = get_object_or_404(Case, pk=pk)
    if not takes_follow_ups(case):
        messages.error(request, _("This case is closed: nothing in it can be changed any more."))
        return redirect("drafting:case", case.pk)
    form = words_form(case, request.POST or None)
    values = placeholders.values_of(case)
    if request.method == "POST" and form.is_valid():
        values = submitted_words(form)
        try:
            SavePlaceholders(request.user).execute(case, values, form.cleaned_data["version"])
        except StaleVersion:
            messages.error(request, _("Not saved: someone else changed this case meanwhile. Check and save again."))
            form = words_form(case)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Case-specific words saved."))
            if "preview" in request.POST:
                return redirect("drafting:words", case.pk)
            return redirect("drafting:case", case.pk)
    context = {"case": case, "form": form, "previews": previews(case, values), "uses": placeholders.uses(case)}
    return render(request, "drafting/desk/words_form.html", context)
