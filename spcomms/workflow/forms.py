from django import forms
from django.core.exceptions import ValidationError

from spcomms.cases.models import Communication, Reply
from spcomms.lib.formfields import CleanCharField
from spcomms.workflow.actions.review import DECISIONS
from spcomms.workflow.uploads import ACCEPTED, check_file, read_limited

LANGUAGES = [
    ("en", "English"),
    ("fr", "French"),
    ("es", "Spanish"),
    ("ar", "Arabic"),
    ("zh", "Chinese"),
    ("ru", "Russian"),
    ("und", "Other"),
]


class ReplyFileField(forms.FileField):
    """Size and type are checked on the bytes; the result is a CheckedFile."""

    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        if not uploaded:
            return None
        return check_file(uploaded.name, read_limited(uploaded))


class StaffReplyForm(forms.Form):
    received_on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    language = forms.ChoiceField(choices=LANGUAGES)
    channel = forms.ChoiceField(choices=Reply.CHANNELS)
    file = ReplyFileField(required=False, help_text=ACCEPTED)
    text = CleanCharField(widget=forms.Textarea, required=False, help_text="leave empty to use the file's text")
    confidential = forms.BooleanField(required=False, help_text="the addressee asked that it not be published")

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("file") and not (data.get("text") or "").strip():
            raise ValidationError("A reply needs a file or its text.")
        return data


class AddresseeReplyForm(forms.Form):
    file = ReplyFileField(help_text=ACCEPTED)
    language = forms.ChoiceField(choices=LANGUAGES)
    keep_confidential = forms.BooleanField(required=False, label="Ask that this reply be kept confidential")
    reason = CleanCharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Why it should be kept confidential",
    )

    def clean(self):
        data = super().clean()
        asked, reason = data.get("keep_confidential"), (data.get("reason") or "").strip()
        if asked and not reason:
            self.add_error("reason", "Please give the reason why the reply should be kept confidential.")
        elif reason and not asked:
            self.add_error("keep_confidential", "Tick the box to ask for confidentiality, or leave the reason empty.")
        data["reason"] = reason if asked else ""
        return data


class ReviewReplyForm(forms.Form):
    decision = forms.ChoiceField(choices=list(DECISIONS.items()))
    note = CleanCharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="needed when the decision goes against what the sender asked",
    )


class ManualDispatchForm(forms.Form):
    channel = forms.ChoiceField(choices=[c for c in Communication.DISPATCH_CHANNELS if c[0] != Communication.EMAIL])
    sent_on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    note = CleanCharField(required=False, max_length=500, help_text="e.g. note verbale number, tracking number")
    # Set by the confirmation step when the date given would publish the letter today or at once.
    confirm_publication_on = forms.DateField(required=False, widget=forms.HiddenInput)


class HoldForm(forms.Form):
    reason = CleanCharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
