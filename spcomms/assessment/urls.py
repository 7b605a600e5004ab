from django.urls import path

from . import views

app_name = "assessment"

urlpatterns = [
    path("", views.index, name="index"),
    path("replies/<int:reply_id>/", views.reply_page, name="reply"),
    path("replies/<int:reply_id>/reread", views.reread, name="reread"),
    path("labels/<int:label_id>/", views.review_label, name="review-label"),
    path("scores/<int:score_id>/", views.review_score, name="review-score"),
    path("cases/<int:case_id>/", views.case_page, name="case"),
    path("cases/<int:case_id>.csv", views.case_csv, name="case-csv"),
]
