from django import forms
from django.core.exceptions import ValidationError

from spcomms.cases.models import Communication
from spcomms.lib.formfields import CleanCharField, CleanTextMixin
from spcomms.lib.references import ReferenceError, parse_reference


class CommunicationAdminForm(CleanTextMixin, forms.ModelForm):
    """Reference as one field: blank to allocate the next number, or a historic reference as printed."""

    reference = CleanCharField(
        required=False,
        help_text="Leave blank to allocate the next number for the addressee's code and the letter's year, "
        "or enter a historic reference as printed, e.g. 'AL OTH 135/2021'.",
    )

    class Meta:
        model = Communication
        # published_at and the letter snapshot are not editable here: publication and generation are actions.
        fields = [
            "case", "addressee", "date", "status", "reply_due", "publish_on", "on_hold", "hold_reason",
            "confidential_annex", "staff_notes",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["reference"].initial = self.instance.reference
            self.fields["reference"].required = True

    def clean_reference(self):
        text = self.cleaned_data["reference"].strip()
        if not text:
            return None
        try:
            return parse_reference(text)
        except ReferenceError as exc:
            raise ValidationError(str(exc)) from None

    def clean(self):
        data = super().clean()
        reference, addressee = data.get("reference"), data.get("addressee")
        if reference and addressee and reference.code != addressee.code:
            self.add_error(
                "reference",
                f"code {reference.code} does not match the addressee {addressee} (code {addressee.code})",
            )
        elif reference:
            taken = Communication.objects.filter(
                ref_code=reference.code, ref_number=reference.number, ref_year=reference.year
            ).exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error("reference", f"{reference} is already used by another communication")
            self.instance.ref_type, self.instance.ref_number, self.instance.ref_year = (
                reference.type,
                reference.number,
                reference.year,
            )
        return data
