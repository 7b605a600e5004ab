from django.contrib import admin

from spcomms.audit.actions import DeleteObject, SaveObject
from spcomms.audit.models import AuditEvent
from spcomms.lib.formfields import CleanModelForm


class AuditedAdmin(admin.ModelAdmin):
    """Admin whose saves and deletes go through the audited actions; its text is cleaned (lib.text) on the way in."""

    form = CleanModelForm

    def save_model(self, request, obj, form, change):
        SaveObject(request.user, obj).execute(save=obj.save)

    def delete_model(self, request, obj):
        DeleteObject(request.user, obj).execute()

    def save_formset(self, request, form, formset, change):
        for obj in formset.save(commit=False):
            SaveObject(request.user, obj).execute(save=obj.save)
        for obj in formset.deleted_objects:
            DeleteObject(request.user, obj).execute()
        formset.save_m2m()

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            DeleteObject(request.user, obj).execute()


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "action", "object_repr", "actor_label"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_repr", "object_id", "actor_label", "action"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
