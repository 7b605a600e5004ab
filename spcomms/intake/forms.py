"""The public form, one Django form per step, and the forms of the follow-up and triage pages.

Every string is translatable (English, French, Spanish). Each step saves what was typed, valid or not (see
views/public.py); these forms decide whether a step is complete.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from spcomms.intake import mandates as mandate_text
from spcomms.lib.references import TYPES
from spcomms.registry.models import Addressee, Mandate

TEXT_MAX = 50_000
LINE_MAX = 300

SUBMITTER_KINDS = [
    ("victim", _("I am the person concerned (the victim)")),
    ("family", _("I am a member of the victim's family")),
    ("representative", _("I represent the victim (lawyer, organisation acting for them)")),
    ("organisation", _("I report for an organisation, not on behalf of a victim")),
    ("other", _("Other (witness, journalist, …)")),
]
PERSONAL = {"victim", "family", "representative"}
VICTIM_KINDS = [("individual", _("One or more individuals")), ("group", _("A group or community"))]
PERPETRATOR_KINDS = [
    ("state", _("State authorities (police, army, officials, courts)")),
    ("non_state", _("Non-State actors (companies, armed groups, others)")),
    ("both", _("Both")),
    ("unknown", _("I do not know")),
]
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("es", _("Spanish"))]


def _text(label, *, required=True, rows=6, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=TEXT_MAX,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _line(label, *, required=True, help_text=""):
    return forms.CharField(label=label, required=required, max_length=LINE_MAX, help_text=help_text)


class StepForm(forms.Form):
    """Every step carries the honeypot: a field people never see (hidden by CSS, labelled to leave empty)."""

    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def bot(self) -> bool:
        return bool((self.data.get("website") or "").strip())


class SubmitterForm(StepForm):
    title = _("About you")
    submitter_kind = forms.ChoiceField(label=_("Who is submitting?"), choices=SUBMITTER_KINDS, widget=forms.RadioSelect)
    name = _line(_("Your full name"), help_text=_("Anonymous submissions cannot be taken up."))
    organisation = _line(_("Organisation (if any)"), required=False)
    email = forms.EmailField(label=_("E-mail"), required=False, max_length=LINE_MAX)
    phone = _line(_("Telephone or messaging number"), required=False)
    address = _text(_("Postal address"), required=False, rows=2)
    language = forms.ChoiceField(label=_("Language you are writing in"), choices=LANGUAGES)
    consent_contact = forms.BooleanField(
        label=_("The secretariat may contact me about this submission"), required=False
    )

    def clean(self):
        data = super().clean()
        if not any((data.get(k) or "").strip() for k in ("email", "phone", "address")) and not self.has_error("email"):
            raise ValidationError(_("Give at least one way to reach you: e-mail, telephone or postal address."))
        return data


class VictimsForm(StepForm):
    title = _("The alleged victims")
    victims_kind = forms.ChoiceField(label=_("Who was affected?"), choices=VICTIM_KINDS, widget=forms.RadioSelect)
    victims_names = _text(
        _("Names of the victims"), required=False, rows=4, help_text=_("One person per line, with age if known.")
    )
    victims_description = _text(
        _("Describe the group or community, or the victims"),
        required=False,
        rows=4,
        help_text=_("For example: the village, the profession, the number of people."),
    )

    def clean(self):
        data = super().clean()
        names, about = (data.get("victims_names") or "").strip(), (data.get("victims_description") or "").strip()
        if not names and not about:
            raise ValidationError(_("Name the victims or describe the group or community affected."))
        if data.get("victims_kind") == "individual" and not names:
            self.add_error("victims_names", _("Give the names of the individuals (or choose a group or community)."))
        return data


def state_choices():
    states = Addressee.objects.filter(kind=Addressee.STATE).order_by("name").values_list("iso3", "name")
    return [("", _("— choose a State —")), *states]


class EventsForm(StepForm):
    title = _("What happened")
    country = forms.ChoiceField(label=_("State where it happened"), choices=())
    perpetrator_kind = forms.ChoiceField(
        label=_("Who is responsible?"), choices=PERPETRATOR_KINDS, widget=forms.RadioSelect
    )
    perpetrators = _text(
        _("The alleged perpetrators"), required=False, rows=3, help_text=_("Authorities, units, companies, groups.")
    )
    when = _line(_("When did it happen?"), help_text=_("A date or a period, e.g. 3 March 2021 or since 2019."))
    place = _line(_("Where did it happen?"))
    narrative = _text(
        _("What happened?"), rows=12, help_text=_("The facts in order: who did what, to whom, when and where.")
    )
    domestic_steps = _text(
        _("Steps taken in the country"),
        required=False,
        rows=4,
        help_text=_("Complaints, court cases, their results; or why none was possible."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = state_choices()

    def clean_narrative(self):
        text = self.cleaned_data["narrative"].strip()
        if len(text) < 20:
            raise ValidationError(_("Tell us what happened in a few sentences at least."))
        return text


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FilesField(forms.FileField):
    """Several files at once; each is checked (size, content) by the view, which keeps the good ones."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        return [f for f in (data if isinstance(data, list | tuple) else [data]) if f]


class DetailsForm(StepForm):
    """Mandates, files, confidentiality and consent. `submitter_kind` comes from the first step."""

    title = _("Mandates, files and consent")
    mandates = forms.MultipleChoiceField(
        label=_("Which mandates should receive this? (optional)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=(),
        help_text=_("Leave empty if you are not sure: the secretariat will choose."),
    )
    files = FilesField(
        label=_("Documents (optional)"),
        required=False,
        help_text=_("PDF, DOCX or images (PNG, JPEG, TIFF); several at once."),
    )
    confidential_parts = _text(_("What must stay confidential?"), required=False, rows=3)
    consent_names_to_state = forms.BooleanField(
        label=_("The victims agree that their names are given to the State or company concerned"),
        required=False,
        help_text=_("Without this, names are replaced in any letter."),
    )

    def __init__(self, *args, submitter_kind: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.submitter_kind = submitter_kind
        self.mandate_rows = mandate_text.choices()
        self.fields["mandates"].choices = [(str(pk), title) for pk, title, _d in self.mandate_rows]

    def clean_mandates(self):
        chosen = [int(pk) for pk in self.cleaned_data["mandates"]]
        if self.submitter_kind and self.submitter_kind not in PERSONAL:
            for mandate in Mandate.objects.filter(pk__in=chosen, short__in=mandate_text.PERSONAL_ONLY):
                raise ValidationError(
                    _(
                        "The %(mandate)s accepts information only from the person concerned, their family or "
                        "their representatives."
                    )
                    % {"mandate": mandate.title}
                )
        return chosen


class ConfirmForm(StepForm):
    title = _("Check and send")
    truthful = forms.BooleanField(label=_("The information is true to the best of my knowledge"))


STEPS = [SubmitterForm, VictimsForm, EventsForm, DetailsForm, ConfirmForm]
STEP_NAMES = ["you", "victims", "events", "details", "send"]


class ReceiptForm(forms.Form):
    code = forms.CharField(label=_("Receipt code"), max_length=40, help_text=_("The 16 digits you were given."))


class AnswerForm(forms.Form):
    body = _text(_("Your answer"), rows=6)
    files = FilesField(label=_("Documents (optional)"), required=False)
    website = forms.CharField(required=False, label=_("Leave this field empty"))


# --- staff ---------------------------------------------------------------------------------------------------------


class StaffMessageForm(forms.Form):
    body = _text(_("Message to the submitter"), rows=5)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))


class MergeForm(forms.Form):
    into = forms.CharField(label=_("Merge into submission (source id)"), max_length=16)


class ConvertForm(forms.Form):
    title = forms.CharField(label=_("Case title"), max_length=300)
    type = forms.ChoiceField(label=_("Type of letter"), choices=[(t, t) for t in TYPES])
    mandates = forms.ModelMultipleChoiceField(
        label=_("Mandates"), queryset=Mandate.objects.filter(active=True), widget=forms.CheckboxSelectMultiple
    )
    addressees = forms.ModelMultipleChoiceField(
        label=_("Addressees"), queryset=Addressee.objects.all(), required=False, widget=forms.SelectMultiple
    )
