"""Admin for the links between logins and mandate holders; saves and deletes are audited."""

from django.contrib import admin

from spcomms.adminsite.base import AuditedAdmin
from spcomms.workflow.models import HolderAccount


@admin.register(HolderAccount)
class HolderAccountAdmin(AuditedAdmin):
    """Who approves for which mandate. Give the user the "mandate holder" group too (or use createstaff)."""

    list_display = ["user", "holder", "mandate"]
    list_select_related = ["user", "holder__mandate"]
    list_filter = ["holder__mandate"]
    search_fields = ["user__username", "holder__name", "holder__mandate__title"]
    autocomplete_fields = ["user", "holder"]

    @admin.display(description="mandate", ordering="holder__mandate__title")
    def mandate(self, account):
        return account.holder.mandate
