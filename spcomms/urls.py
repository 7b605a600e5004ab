from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

admin.site.site_header = "spcomms — Special Procedures communications"
admin.site.site_title = "spcomms"
admin.site.site_url = "/staff/"  # "View site" leads to the staff dashboard; templates/admin adds the desk links

urlpatterns = [
    # The admin is behind the staff login (throttled, two-factor): its own login page only forwards there.
    path("admin/login/", RedirectView.as_view(url="/staff/login/", query_string=True), name="admin-login"),
    path("admin/", admin.site.urls),
    path("staff/cases/", include("spcomms.drafting.urls")),
    path("", include("spcomms.intake.urls")),  # /submit/ (public form, receipt follow-up) and /staff/intake/
    path("", include("spcomms.reports.urls")),  # /reports/, /statistics/, /news/ and their staff pages
    path("staff/assessment/", include("spcomms.assessment.urls")),  # reading replies (internal)
    path("", include("spcomms.workflow.urls")),  # /staff/ (dashboard, clearance, letters) and /reply/<token>/
    path("", include("spcomms.portal.urls")),
]

# The framework's refusals answer the documented JSON error on .json/.csv addresses (spcomms.portal.errors).
handler400 = "spcomms.portal.errors.bad_request"
handler403 = "spcomms.workflow.views.errors.permission_denied"  # styled: says why and who may; JSON on data URLs
handler404 = "spcomms.portal.errors.page_not_found"
handler500 = "spcomms.portal.errors.server_error"
