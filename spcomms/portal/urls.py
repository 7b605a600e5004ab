from django.templatetags.static import static
from django.urls import path, re_path
from django.views.generic import RedirectView

from . import export, feeds, views

app_name = "portal"

SLUG = r"(?P<slug>[A-Za-z0-9-]{1,40}?)"
FORMAT = r"(?:\.(?P<fmt>json|csv))?"

urlpatterns = [
    path("", views.home, name="home"),
    path("index.json", views.home, {"fmt": "json"}, name="home-json"),
    re_path(rf"^communications{FORMAT}$", views.search, name="search"),
    re_path(rf"^communications/{SLUG}(?:\.(?P<fmt>json))?$", views.communication, name="communication"),
    re_path(rf"^communications/{SLUG}/letter\.(?P<fmt>pdf|docx)$", views.letter_file, name="letter-file"),
    path("communications/<str:slug>/replies/<int:reply_id>", views.reply_file, name="reply-file"),
    re_path(r"^export/communications\.(?P<fmt>csv|json)$", export.export, name="export"),
    path("feeds/communications.atom", feeds.CommunicationsFeed(), name="feed"),
    path("api", views.api, name="api"),
    # Browsers ask for /favicon.ico on pages without an icon link (admin, staff, files).
    path("favicon.ico", RedirectView.as_view(url=static("portal/favicon.svg"), permanent=True), name="favicon"),
]
