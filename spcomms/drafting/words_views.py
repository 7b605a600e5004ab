"""The case's words for the stock texts' placeholders, with a preview of every text that uses them."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from spcomms.cases.lifecycle import StaleVersion, takes_follow_ups
from spcomms.cases.models import Case
from spcomms.drafting import library, placeholders
from spcomms.drafting.actions import SavePlaceholders
from spcomms.drafting.forms import VersionField
from spcomms.drafting.views import desk


def words_form(case: Case, data=None) -> forms.Form:
    """One field per placeholder the case's texts use (and any filled before that no text uses any more), named
    `word-0`, `word-1` … in that order (placeholder names have spaces, which make poor HTML ids)."""
    values = placeholders.values_of(case)
    used = [use.name for use in placeholders.uses(case)]
    names = list(dict.fromkeys([*used, *values]))
    initial = {"version": case.version, **{f"word-{i}": values.get(name, "") for i, name in enumerate(names)}}
    form = forms.Form(data, initial=initial)
    form.fields["version"] = VersionField()
    for index, name in enumerate(names):
        form.fields[f"word-{index}"] = forms.CharField(
            label="{" + name + "}",
            max_length=500,
            required=False,
            help_text=library.placeholder_hints().get(name, _("the words this case's letters print here"))
            if name in used
            else _("no text of the case uses it"),
        )
    form.word_names = names
    return form


def submitted_words(form: forms.Form) -> dict[str, str]:
    return {name: form.cleaned_data.get(f"word-{index}", "") for index, name in enumerate(form.word_names)}


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
