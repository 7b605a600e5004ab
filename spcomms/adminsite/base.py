"""The admin's base class: every save and delete of a record goes through the audited admin actions."""

from django.contrib import admin

from spcomms.adminsite.actions import DeleteRecord, SaveRecord


class AuditedAdmin(admin.ModelAdmin):
    """Admin whose saves and deletes go through the audited actions."""

    def save_model(self, request, obj, form, change):
        SaveRecord(request.user, obj).execute(save=obj.save)

    def delete_model(self, request, obj):
        DeleteRecord(request.user, obj).execute()

    def save_formset(self, request, form, formset, change):
        for obj in formset.save(commit=False):
            SaveRecord(request.user, obj).execute(save=obj.save)
        for obj in formset.deleted_objects:
            DeleteRecord(request.user, obj).execute()
        formset.save_m2m()

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            DeleteRecord(request.user, obj).execute()
