from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "spcomms — Special Procedures communications"
admin.site.site_title = "spcomms"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("staff/cases/", include("spcomms.drafting.urls")),
    path("", include("spcomms.intake.urls")),  # /submit/ (public form, receipt follow-up) and /staff/intake/
    path("", include("spcomms.reports.urls")),  # /reports/, /statistics/, /news/ and their staff pages
    path("", include("spcomms.workflow.urls")),  # /staff/ (dashboard, clearance, letters) and /reply/<token>/
    path("", include("spcomms.portal.urls")),
]
