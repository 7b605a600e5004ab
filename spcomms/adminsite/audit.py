"""The audit log in the admin: read-only."""

from django.contrib import admin

from spcomms.audit.models import AuditEvent


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
