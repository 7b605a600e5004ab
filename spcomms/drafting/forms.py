"""Forms of the drafting desk. Ordered lists (mandates, footnotes, annex clauses) are formsets of rows: the order of
the rows is the printed order, blank rows are ignored, so the pages work without JavaScript."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from spcomms.cases import deadlines
from spcomms.cases.models import TYPE_CHOICES
from spcomms.drafting import library
from spcomms.drafting.models import AddresseeGroup, Clause, QuestionSet
from spcomms.lib.formfields import CleanCharField
from spcomms.registry.models import Addressee, Mandate

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VersionField(forms.IntegerField):
    widget = forms.HiddenInput


class CaseForm(forms.Form):
    title = CleanCharField(label=_("Title"), max_length=300, help_text=_("for staff; not printed in the letters"))
    type = forms.ChoiceField(label=_("Type of communication"), choices=TYPE_CHOICES)
    version = VersionField(required=False)


class NewCaseForm(CaseForm):
    letter_date = forms.DateField(
        label=_("Letter date"), widget=DATE_INPUT, help_text=_("signatories are the mandate holders on this date")
    )


class MandateRow(forms.Form):
    mandate = forms.ModelChoiceField(label=_("Mandate"), queryset=Mandate.objects.filter(active=True), required=False)
    resolution = CleanCharField(
        label=_("Resolution cited"), max_length=10, required=False, help_text=_("empty: the registry's")
    )


class SignatoryRow(forms.Form):
    """One signature per mandate: the holder (the mandate's holders only) and the title as printed."""

    holder = forms.ModelChoiceField(label=_("Signed by"), queryset=None, required=False)
    printed_title = CleanCharField(label=_("Title as printed"), max_length=300, required=False)

    def __init__(self, *args, mandate: Mandate, **kwargs):
        super().__init__(*args, **kwargs)
        self.mandate = mandate
        self.fields["holder"].queryset = mandate.holders.all()
        self.fields["holder"].label_from_instance = _holder_label


def _holder_label(holder) -> str:
    start = holder.term_start.isoformat() if holder.term_start else "…"
    end = holder.term_end.isoformat() if holder.term_end else "…"
    return f"{holder.name} ({start} – {end})"


MandateRows = forms.formset_factory(MandateRow, extra=0)


class DraftForm(forms.Form):
    version = VersionField()
    letter_date = forms.DateField(label=_("Letter date"), widget=DATE_INPUT, required=False)
    introduction = CleanCharField(
        label=_("Introduction"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("'In this connection, we have received information …' — a group may have its own"),
    )
    facts = CleanCharField(
        label=_("Facts"),
        widget=forms.Textarea(attrs={"rows": 14}),
        required=False,
        help_text=_(
            "after 'According to the information received:'. Blank line between paragraphs; "
            "[^1] after a word marks footnote 1"
        ),
    )
    concerns = CleanCharField(
        label=_("Concerns"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_("'While we do not wish to prejudge the accuracy of these allegations …'"),
    )
    after_questions = CleanCharField(
        label=_("After the questions"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("e.g. the interim-measures paragraph of an urgent appeal"),
    )
    annex_text = CleanCharField(
        label=_("Annex text of this case"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("printed after the library clauses"),
    )
    press_release = forms.BooleanField(label=_("The experts may issue a press release"), required=False)
    publication_days = forms.IntegerField(
        label=_("Days until publication"), min_value=1, max_value=365, initial=deadlines.default_publication_days
    )

    TEXT_FIELDS = ("letter_date", "introduction", "facts", "concerns", "after_questions", "annex_text")


class FootnoteRow(forms.Form):
    text = CleanCharField(label=_("Footnote"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ClauseRow(forms.Form):
    clause = forms.ModelChoiceField(label=_("Clause"), queryset=Clause.objects.none(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clause"].queryset = library.clauses()  # in the order letters print them
        self.fields["clause"].label_from_instance = library.label

    def narrow(self, search: str) -> None:
        """Offer only the clauses matching `search`, and the one chosen in this row."""
        chosen = getattr(self.initial.get("clause"), "pk", None)
        matching = library.clauses(search).values("pk")
        self.fields["clause"].queryset = library.clauses().filter(Q(pk__in=matching) | Q(pk=chosen))


FootnoteRows = forms.formset_factory(FootnoteRow, extra=2)
ClauseRows = forms.formset_factory(ClauseRow, extra=3)


class GroupForm(forms.ModelForm):
    class Meta:
        model = AddresseeGroup
        fields = ["name", "question_set", "introduction"]
        labels = {"introduction": _("Introduction for this group")}
        help_texts = {
            "name": _("e.g. 'Companies involved through their supply chain', 'State concerned', 'Home States'"),
            "introduction": _(
                "replaces the draft's introduction in this group's letters, e.g. "
                "'… your company may be involved through its supply chain in …'; empty: the draft's"
            ),
        }
        widgets = {"introduction": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question_set"].queryset = QuestionSet.objects.order_by("name")
        self.fields["question_set"].required = True


class AddresseeForm(forms.Form):
    """Either an addressee of the registry, or a new company typed in here."""

    group = forms.ModelChoiceField(label=_("Group"), queryset=AddresseeGroup.objects.none())
    existing = forms.ModelChoiceField(
        label=_("From the registry"),
        queryset=Addressee.objects.order_by("kind", "name"),
        required=False,
        help_text=_("a State, company or organisation already registered"),
    )
    company = CleanCharField(label=_("A new company: name"), max_length=300, required=False)
    honorific = forms.ChoiceField(label=_("Honorific"), choices=Addressee.HONORIFICS, required=False)
    person = CleanCharField(
        label=_("Representative: name"),
        max_length=200,
        required=False,
        help_text=_("e.g. 'Jane Roe' — the letter opens 'Dear Ms. Jane Roe,'; without a name: 'Dear Sir/Madam,'"),
    )
    person_title = CleanCharField(label=_("Representative: title"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("E-mail address for the letter"),
        required=False,
        help_text=_("the letter is e-mailed here when it is sent; without one, staff record its dispatch by hand"),
    )
    domicile = forms.ChoiceField(
        label=_("Country of domicile"), required=False, help_text=_("the State where the company is domiciled")
    )
    reference = CleanCharField(
        label=_("Historic reference"),
        max_length=30,
        required=False,
        help_text=_(
            "only for a letter already sent under a known reference, e.g. AL OTH 78/2021; "
            "empty: the next free number is allocated when letters are generated"
        ),
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = case.groups.filter(generates=True)
        self.fields["existing"].queryset = self.fields["existing"].queryset.exclude(cases=case)
        self.fields["existing"].label_from_instance = lambda a: f"{a.name} ({a.get_kind_display()})"
        states = Addressee.objects.filter(kind=Addressee.STATE).order_by("name").values_list("iso3", "name")
        self.fields["domicile"].choices = [("", "—"), *((code, f"{name} ({code})") for code, name in states)]

    def clean(self):
        data = super().clean()
        if bool(data.get("existing")) == bool(data.get("company", "").strip()):
            raise forms.ValidationError(_("Choose an addressee from the registry, or type a new company's name."))
        if data.get("existing") and data.get("email") and data["existing"].email != data["email"]:
            self.add_error(
                "email", _("The e-mail address is for a new company; change a registered addressee's in the admin.")
            )
        return data

    def addressee(self) -> Addressee:
        data = self.cleaned_data
        if data["existing"]:
            return data["existing"]
        return Addressee(
            kind=Addressee.COMPANY,
            name=data["company"].strip(),
            representative_honorific=data["honorific"],
            representative_name=data["person"].strip(),
            representative_title=data["person_title"].strip(),
            domicile=data["domicile"],
            email=data["email"],
        )


class MembershipForm(forms.Form):
    group = forms.ModelChoiceField(label=_("Group"), queryset=AddresseeGroup.objects.none())
    reference = AddresseeForm.base_fields["reference"]

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = case.groups.all()
