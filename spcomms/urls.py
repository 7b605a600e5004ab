from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "spcomms — Special Procedures communications"
admin.site.site_title = "spcomms"
admin.site.site_url = "/staff/"  # "View site" leads to the staff dashboard; templates/admin adds the desk links

handler403 = "spcomms.workflow.views.errors.permission_denied"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("staff/cases/", include("spcomms.drafting.urls")),
    path("", include("spcomms.workflow.urls")),  # /staff/ (dashboard, clearance, letters) and /reply/<token>/
    path("", include("spcomms.portal.urls")),
]
