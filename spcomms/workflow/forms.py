from django import forms
from django.core.exceptions import ValidationError

from spcomms.cases.models import Communication, Reply
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
    text = forms.CharField(widget=forms.Textarea, required=False, help_text="leave empty to use the file's text")
    confidential = forms.BooleanField(required=False, help_text="the addressee asked that it not be published")

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("file") and not (data.get("text") or "").strip():
            raise ValidationError("A reply needs a file or its text.")
        return data


class AddresseeReplyForm(forms.Form):
    file = ReplyFileField(help_text=ACCEPTED)
    language = forms.ChoiceField(choices=LANGUAGES)


class ManualDispatchForm(forms.Form):
    channel = forms.ChoiceField(choices=[c for c in Communication.DISPATCH_CHANNELS if c[0] != Communication.EMAIL])
    sent_on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(required=False, max_length=500, help_text="e.g. note verbale number, tracking number")
    # Set by the confirmation step when the date given would publish the letter today or at once.
    confirm_publication_on = forms.DateField(required=False, widget=forms.HiddenInput)


class HoldForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
