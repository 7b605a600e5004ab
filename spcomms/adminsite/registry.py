from django.contrib import admin

from spcomms.adminsite.base import AuditedAdmin
from spcomms.registry.models import Addressee, Mandate, MandateHolder, ReferenceCounter


class HolderInline(admin.TabularInline):
    model = MandateHolder
    extra = 0


@admin.register(Mandate)
class MandateAdmin(AuditedAdmin):
    list_display = ["title", "short", "kind", "country", "resolution", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["title", "short"]
    inlines = [HolderInline]


@admin.register(MandateHolder)
class MandateHolderAdmin(AuditedAdmin):
    list_display = ["name", "mandate", "printed_title", "term_start", "term_end"]
    list_filter = ["mandate__kind"]
    search_fields = ["name", "printed_title", "mandate__title"]
    autocomplete_fields = ["mandate"]


@admin.register(Addressee)
class AddresseeAdmin(AuditedAdmin):
    list_display = ["name", "kind", "code", "domicile", "representative_name"]
    list_filter = ["kind"]
    search_fields = ["name", "representative_name", "iso3"]
    readonly_fields = ["code", "salutation"]


@admin.register(ReferenceCounter)
class ReferenceCounterAdmin(admin.ModelAdmin):
    list_display = ["code", "year", "last_number"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # numbers are only handed out by allocation

    def has_delete_permission(self, request, obj=None):
        return False
