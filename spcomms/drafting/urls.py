"""The drafting desk, under /staff/cases/."""

from django.urls import path

from spcomms.drafting import views, words_views

app_name = "drafting"

urlpatterns = [
    path("", views.case_list, name="cases"),
    path("new/", views.case_new, name="case_new"),
    path("<int:pk>/", views.case_detail, name="case"),
    path("<int:pk>/edit/", views.case_edit, name="case_edit"),
    path("<int:pk>/text/", views.draft_edit, name="draft"),
    path("<int:pk>/words/", words_views.words_edit, name="words"),
    path("<int:pk>/groups/new/", views.group_edit, name="group_new"),
    path("<int:pk>/groups/<int:group_pk>/", views.group_edit, name="group"),
    path("<int:pk>/addressees/add/", views.addressee_add, name="addressee_add"),
    path("<int:pk>/addressees/<int:member_pk>/", views.membership_edit, name="membership"),
    path("<int:pk>/generate/", views.generate, name="generate"),
    path("<int:pk>/letters/<int:comm_pk>/", views.letter_preview, name="letter"),
    path("<int:pk>/letters/<int:comm_pk>/download/<str:fmt>/", views.letter_download, name="download"),
]
