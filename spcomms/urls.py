from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "spcomms — Special Procedures communications"
admin.site.site_title = "spcomms"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("staff/cases/", include("spcomms.drafting.urls")),
    path("staff/assessment/", include("spcomms.assessment.urls")),  # reading replies (internal)
    path("", include("spcomms.workflow.urls")),  # /staff/ (dashboard, clearance, letters) and /reply/<token>/
    path("", include("spcomms.portal.urls")),
]
