from django.contrib import admin

from spcomms.audit.actions import SaveObject
from spcomms.audit.admin import AuditedAdmin
from spcomms.cases.actions.communications import RegisterCommunication
from spcomms.cases.forms import CommunicationAdminForm
from spcomms.cases.models import (
    Case,
    CaseAddressee,
    CaseMandate,
    CaseSignatory,
    Communication,
    Reply,
    Source,
)


class CaseMandateInline(admin.TabularInline):
    model = CaseMandate
    extra = 0
    autocomplete_fields = ["mandate"]


class CaseSignatoryInline(admin.TabularInline):
    model = CaseSignatory
    extra = 0
    autocomplete_fields = ["holder"]


class CaseAddresseeInline(admin.TabularInline):
    model = CaseAddressee
    extra = 0
    autocomplete_fields = ["addressee"]


class SourceInline(admin.StackedInline):
    model = Source
    extra = 0
    classes = ["collapse"]


class CommunicationInline(admin.TabularInline):
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
    list_display = ["title", "type", "status", "created_at"]
    list_filter = ["type", "status"]
    search_fields = ["title", "summary", "communications__addressee__name"]
    inlines = [CaseMandateInline, CaseSignatoryInline, CaseAddresseeInline, CommunicationInline, SourceInline]


@admin.register(Communication)
class CommunicationAdmin(AuditedAdmin):
    form = CommunicationAdminForm
    list_display = ["reference", "addressee", "date", "status", "published_at", "on_hold"]
    list_filter = ["ref_type", "ref_year", "status", "on_hold", "addressee__kind"]
    search_fields = ["addressee__name", "case__title", "ref_code", "=ref_number"]
    autocomplete_fields = ["case", "addressee"]
    readonly_fields = ["published_at", "letter", "letter_sha256", "created_at", "updated_at"]
    date_hierarchy = "date"

    def save_model(self, request, obj, form, change):
        if change:
            SaveObject(request.user, obj).execute(save=obj.save)
        else:
            RegisterCommunication(request.user).execute(obj, form.cleaned_data.get("reference"))


@admin.register(Reply)
class ReplyAdmin(AuditedAdmin):
    list_display = ["communication", "received_on", "language", "channel", "confidential"]
    list_filter = ["channel", "language", "confidential"]
    search_fields = ["communication__addressee__name", "text"]
    autocomplete_fields = ["communication"]
    readonly_fields = ["sha256"]


@admin.register(Source)
class SourceAdmin(AuditedAdmin):
    list_display = ["name", "case", "reliability", "consent"]
    search_fields = ["name", "case__title"]
