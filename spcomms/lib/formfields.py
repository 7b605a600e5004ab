"""Form fields of every form of the project (desk, workflow, admin): text is cleaned as it crosses the boundary."""

from __future__ import annotations

from django import forms

from spcomms.lib.text import clean_text


class CleanCharField(forms.CharField):
    """A CharField whose value goes through `clean_text` before validation (length, required, strip)."""

    def to_python(self, value):
        if isinstance(value, str):
            value = clean_text(value)
        return super().to_python(value)


class CleanTextMixin:
    """For forms built by Django (ModelForms, admin): clean every plain text field's value after the field's own
    cleaning. Fields that are not plain text (choices, numbers, files) are left alone."""

    def _clean_fields(self):
        super()._clean_fields()
        for name, value in list(self.cleaned_data.items()):
            field = self.fields.get(name)
            if isinstance(value, str) and type(field) in (forms.CharField, CleanCharField):
                self.cleaned_data[name] = clean_text(value)


class CleanModelForm(CleanTextMixin, forms.ModelForm):
    """The base form of every admin page (audit.admin.AuditedAdmin and the inlines)."""
