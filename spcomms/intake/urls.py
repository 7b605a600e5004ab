from django.urls import path
from django.views.i18n import set_language

from spcomms.intake.views import public, staff

app_name = "intake"

urlpatterns = [
    path("submit/", public.start, name="start"),
    path("submit/step/<int:step>/", public.step_page, name="step"),
    path("submit/all/", public.one_page, name="one-page"),
    path("submit/status/", public.status, name="status"),
    path("submit/status/leave/", public.leave, name="leave"),
    path("submit/language/", set_language, name="language"),
    path("staff/intake/", staff.queue, name="staff-queue"),
    path("staff/intake/files/<uuid:uid>/", staff.attachment, name="staff-file"),
    path("staff/intake/<str:source_id>/", staff.detail, name="staff-detail"),
    path("staff/intake/<str:source_id>/write/", staff.write, name="staff-write"),
    path("staff/intake/<str:source_id>/move/", staff.move, name="staff-move"),
    path("staff/intake/<str:source_id>/merge/", staff.merge, name="staff-merge"),
    path("staff/intake/<str:source_id>/source/", staff.open_source, name="staff-source"),
    path("staff/intake/<str:source_id>/convert/", staff.convert, name="staff-convert"),
]
