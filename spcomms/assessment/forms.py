from django import forms

from spcomms.assessment.models import LABEL_CHOICES, SCORE_CHOICES


class LabelForm(forms.Form):
    label = forms.ChoiceField(choices=LABEL_CHOICES)
    note = forms.CharField(required=False, max_length=1000, help_text="why (kept with the evaluation data)")


class ScoreForm(forms.Form):
    score = forms.TypedChoiceField(choices=SCORE_CHOICES, coerce=int)
    note = forms.CharField(required=False, max_length=1000)
