"""The admin for cases, letters and replies: a place to look and to fix what the procedure does not own.

Workflow state (statuses, dispatch, deadlines, publication, holds) changes only through the procedure's actions on
the staff pages, which check the transitions; here it is read-only. A case that has been sent keeps its type,
mandates, signatories and addressees (the drafting desk refuses the same), and a letter that has been generated or
sent keeps its case, addressee, date and reference. Replies are recorded on the letter's staff page, where the file
is checked and de-duplicated and the letter's status follows.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html

from spcomms.adminsite.actions import SaveRecord
from spcomms.adminsite.base import AuditedAdmin
from spcomms.cases.actions.communications import RegisterCommunication
from spcomms.cases.forms import CommunicationAdminForm
from spcomms.cases.lifecycle import EDITABLE, StaleVersion, bump_version, editable
from spcomms.cases.models import (
    Case,
    CaseAddressee,
    CaseMandate,
    CaseSignatory,
    Communication,
    Reply,
)
from spcomms.intake.models import SourceLink
from spcomms.lib.formfields import CleanModelForm, CleanTextMixin

CASE_STATE_HELP = (
    "Changed only by the procedure on the staff pages (submit for clearance, approve, send, close), which check "
    "each step; not editable here."
)
LETTER_STATE_HELP = (
    "Set by the procedure on the letter's staff page (send or record a dispatch, hold and release publication) "
    "and by the worker (deadlines, publication); not editable here."
)


# --- cases -------------------------------------------------------------------------------------------------------


class CaseAdminForm(CleanTextMixin, forms.ModelForm):
    """Carries the version the page was opened at: a save over someone else's newer save is refused."""

    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)  # `version` is not editable

    class Meta:
        model = Case
        fields = ["title", "type", "summary", "staff_notes"]
        help_texts = {"status": CASE_STATE_HELP}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opened_version"].initial = self.instance.version

    def clean(self):
        data = super().clean()
        if self.instance.pk is None:
            return data
        # Locked until the admin's transaction ends, so no other save slips in between this check and ours.
        current, status = Case.objects.select_for_update().values_list("version", "status").get(pk=self.instance.pk)
        if editable(self.instance) and status not in EDITABLE:
            raise ValidationError(
                f"Not saved: the case became {dict(Case.STATUSES)[status].lower()} after you opened it, so its type, "
                "mandates, signatories and addressees can no longer change. Reload the page."
            )
        if data.get("opened_version") != current:
            raise ValidationError(
                f"Not saved: someone else saved this case after you opened it (you started from version "
                f"{data.get('opened_version') or '?'}, it is now at version {current}). Reload the page to see their "
                "changes, then make yours again."
            )
        return data


class _CaseRowInline(admin.TabularInline):
    """Mandates, signatories and addressees: what the letters were made from, fixed once the case is sent."""

    form = CleanModelForm
    extra = 0

    def _fixed(self, obj) -> bool:
        return obj is not None and not editable(obj)

    def has_add_permission(self, request, obj=None):
        return not self._fixed(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._fixed(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._fixed(obj) and super().has_delete_permission(request, obj)


class CaseMandateInline(_CaseRowInline):
    model = CaseMandate
    autocomplete_fields = ["mandate"]


class CaseSignatoryInline(_CaseRowInline):
    model = CaseSignatory
    autocomplete_fields = ["holder"]


class CaseAddresseeInline(_CaseRowInline):
    model = CaseAddressee
    autocomplete_fields = ["addressee"]


class SourceLinkInline(admin.TabularInline):
    """The case's sources by opaque id only: who they are is sealed in the vault, opened on the intake pages by
    staff who may read sources (with a reason, audited)."""

    model = SourceLink
    verbose_name, verbose_name_plural = "confidential source", "confidential sources (in the source vault)"
    fields = readonly_fields = ["source_id", "created_at"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class CommunicationInline(admin.TabularInline):
    form = CleanModelForm
    model = Communication
    fields = ["reference", "addressee", "date", "status", "published_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Case)
class CaseAdmin(AuditedAdmin):
    form = CaseAdminForm
    list_display = ["title", "type", "status", "created_at"]
    list_filter = ["type", "status"]
    search_fields = ["title", "summary", "communications__addressee__name"]
    inlines = [CaseMandateInline, CaseSignatoryInline, CaseAddresseeInline, CommunicationInline, SourceLinkInline]

    def get_readonly_fields(self, request, obj=None):
        fixed = ["type"] if obj is not None and not editable(obj) else []
        return ["status", *fixed, "created_at", "updated_at"]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleVersion as stale:  # lost the race after the form's own check: nothing was saved
            messages.error(request, f"Not saved: {stale}. Reload the page and make your changes again.")
            return redirect(request.path)

    def save_model(self, request, obj, form, change):
        if not change:
            return super().save_model(request, obj, form, change)
        # Only the form's fields: the status may have moved on since the page was read, and is not ours to write.
        names = [f.name for f in Case._meta.concrete_fields if f.editable and f.name in form.cleaned_data]
        names.append("updated_at")

        def save():
            bump_version(obj, form.cleaned_data.get("opened_version"))
            obj.save(update_fields=names)

        SaveRecord(request.user, obj).execute(save=save)


# --- letters -----------------------------------------------------------------------------------------------------

LETTER_STATE_FIELDS = [
    "status",
    "sent_at",
    "dispatch_channel",
    "dispatch_note",
    "reply_due",
    "publish_on",
    "published_at",
    "on_hold",
    "hold_reason",
]


class CommunicationForm(CommunicationAdminForm):
    class Meta(CommunicationAdminForm.Meta):
        help_texts = dict.fromkeys(LETTER_STATE_FIELDS, LETTER_STATE_HELP)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if _letter_fixed(self.instance):
            self.fields["reference"].disabled = True  # posted values are ignored; the stored reference is kept
            self.fields["reference"].help_text = "The reference of a generated or sent letter does not change."


def _letter_fixed(comm: Communication) -> bool:
    """A generated or dispatched letter: its identity is part of what the mandates approved or what was sent."""
    return comm.pk is not None and (bool(comm.letter) or comm.status != Communication.PREPARED)


@admin.register(Communication)
class CommunicationAdmin(AuditedAdmin):
    form = CommunicationForm
    list_display = ["reference", "addressee", "date", "status", "published_at", "on_hold"]
    list_filter = ["ref_type", "ref_year", "status", "on_hold", "addressee__kind"]
    search_fields = ["addressee__name", "case__title", "ref_code", "=ref_number"]
    autocomplete_fields = ["case", "addressee"]
    date_hierarchy = "date"

    def get_readonly_fields(self, request, obj=None):
        fixed = ["case", "addressee", "date"] if obj is not None and _letter_fixed(obj) else []
        procedure = ["procedure"] if obj is not None else []
        return [*fixed, *LETTER_STATE_FIELDS, *procedure, "letter", "letter_sha256", "created_at", "updated_at"]

    @admin.display(description="procedure")
    def procedure(self, obj):
        return format_html(
            '<a href="{}">Open the letter\'s staff page</a> to send it, hold or release publication, or '
            '<a href="{}">record a reply</a>.',
            reverse("workflow:letter", kwargs={"comm_id": obj.pk}),
            reverse("workflow:record-reply", kwargs={"comm_id": obj.pk}),
        )

    def save_model(self, request, obj, form, change):
        if change:
            SaveRecord(request.user, obj).execute(save=obj.save)
        else:
            RegisterCommunication(request.user).execute(obj, form.cleaned_data.get("reference"))


# --- replies -----------------------------------------------------------------------------------------------------


@admin.register(Reply)
class ReplyAdmin(AuditedAdmin):
    """Replies are recorded on the letter's staff page; here staff can only mark one confidential and keep notes."""

    list_display = ["communication", "received_on", "language", "channel", "confidential", "under_review"]
    list_filter = ["channel", "language", "confidential", "under_review"]
    search_fields = ["communication__addressee__name", "text"]
    fields = [
        "communication",
        "received_on",
        "language",
        "channel",
        "text",
        "stored_file",
        "filename",
        "content_type",
        "size",
        "sha256",
        "created_at",
        "record",
        "confidential",
        "staff_notes",
        # The review of a reply received through a link is decided on the letter's staff page (ReviewReply).
        "under_review",
        "confidentiality_requested",
        "confidentiality_reason",
        "reviewed_at",
        "reviewed_by",
        "decision_note",
    ]
    readonly_fields = [f for f in fields if f not in ("confidential", "staff_notes")]

    def has_add_permission(self, request):
        return False  # recorded through RecordReply on the letter's staff page: checked, de-duplicated, status

    def has_delete_permission(self, request, obj=None):
        return False  # a received reply is part of the record

    @admin.display(description="file")
    def stored_file(self, obj):
        if not obj.file:
            return "—"
        return format_html(
            '<a href="{}">{}</a>', reverse("workflow:reply-file", kwargs={"reply_id": obj.pk}), obj.filename or "file"
        )

    @admin.display(description="record a reply")
    def record(self, obj):
        return format_html(
            'Replies are recorded on <a href="{}">the letter\'s record-reply page</a>, which checks the file.',
            reverse("workflow:record-reply", kwargs={"comm_id": obj.communication_id}),
        )
