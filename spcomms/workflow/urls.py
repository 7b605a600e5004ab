from django.urls import path

from spcomms.workflow.views import addressee, cases, dashboard, letters, login, twofactor

app_name = "workflow"

urlpatterns = [
    path("staff/", dashboard.dashboard, name="dashboard"),
    path("staff/login/", login.StaffLoginView.as_view(), name="login"),
    path("staff/logout/", login.StaffLogoutView.as_view(), name="logout"),
    path("staff/two-factor/", twofactor.two_factor, name="two-factor"),
    path("staff/clearance/<int:case_id>/", cases.case_page, name="case"),
    path("staff/clearance/<int:case_id>/submit/", cases.submit, name="submit"),
    path("staff/clearance/<int:case_id>/approve/<int:mandate_id>/", cases.approve, name="approve"),
    path("staff/clearance/<int:case_id>/send/", cases.send, name="send"),
    path("staff/clearance/<int:case_id>/close/", cases.close, name="close"),
    path("staff/letters/<int:comm_id>/", letters.letter_page, name="letter"),
    path("staff/letters/<int:comm_id>/pdf/", letters.letter_pdf, name="letter-pdf"),
    path("staff/letters/<int:comm_id>/dispatch/", letters.manual_dispatch, name="dispatch"),
    path("staff/letters/<int:comm_id>/reply-link/", letters.new_reply_link, name="reply-link"),
    path("staff/letters/<int:comm_id>/hold/", letters.hold, name="hold"),
    path("staff/letters/<int:comm_id>/release/", letters.release, name="release"),
    path("staff/letters/<int:comm_id>/replies/new/", letters.record_reply, name="record-reply"),
    path("staff/replies/<int:reply_id>/file/", letters.reply_file, name="reply-file"),
    path("staff/replies/<int:reply_id>/review/", letters.review_reply, name="review-reply"),
    path("staff/outbox/<int:outbox_id>/requeue/", letters.outbox_requeue, name="outbox-requeue"),
    path("staff/outbox/<int:outbox_id>/confirm/", letters.outbox_confirm, name="outbox-confirm"),
    path("reply/<str:token>/", addressee.reply_page, name="addressee-reply"),
    path("reply/<str:token>/letter.pdf", addressee.letter_pdf, name="addressee-letter"),
    path("reply/<str:token>/receipt/<int:reply_id>/", addressee.receipt, name="addressee-receipt"),
]
