"""Migration workflow 0006: existing link uploads go under review (with the link they came through); replies staff
recorded stay as they were; an online reply of unknown origin is reviewed rather than published."""

import importlib

import pytest
from django.apps import apps

from spcomms.cases.models import Reply
from spcomms.workflow.actions.replies import RecordReply
from spcomms.workflow.models import LinkReply
from spcomms.workflow.uploads import check_file
from tests.workflow import files
from tests.workflow.link_replies import SENT_ON, new_link
from tests.workflow.procedure import sent_by_hand

migration = importlib.import_module("spcomms.workflow.migrations.0006_link_replies_and_review")


@pytest.fixture
def sent(case, holder_minorities, holder_slavery, fake_clock):
    return sent_by_hand(case, holder_minorities, holder_slavery, on=SENT_ON)


def old_reply(actor, comm, channel, **kw) -> Reply:
    """A reply as recorded before review existed: public at once unless confidential."""
    return RecordReply(actor).execute(comm, received_on=SENT_ON, language="en", channel=channel, **kw)


def test_link_uploads_go_under_review_and_staff_replies_stay(sent, secretariat):
    token, _ = new_link(sent)
    uploaded = old_reply(f"addressee-token:{token.pk}", sent, Reply.ONLINE, file=check_file("r.pdf", files.reply_pdf()))
    by_staff = old_reply(secretariat, sent, Reply.EMAIL, text="By e-mail.")
    by_staff_online = old_reply("test-staff", sent, Reply.ONLINE, text="Typed in from the portal by staff.")
    confidential = old_reply(secretariat, sent, Reply.POST, text="Kept back.", confidential=True)
    unknown = Reply.objects.create(communication=sent, received_on=SENT_ON, channel=Reply.ONLINE, text="No record.")
    assert not Reply.objects.filter(under_review=True).exists()

    migration.review_existing_link_uploads(apps, None)

    under_review = set(Reply.objects.filter(under_review=True).values_list("pk", flat=True))
    assert under_review == {uploaded.pk, unknown.pk}
    assert list(LinkReply.objects.values_list("token_id", "reply_id")) == [(token.pk, uploaded.pk)]
    assert Reply.objects.get(pk=confidential.pk).confidential  # as it was
    for reply in (by_staff, by_staff_online):
        assert not Reply.objects.get(pk=reply.pk).under_review and not Reply.objects.get(pk=reply.pk).confidential


def test_a_link_reply_of_a_deleted_link_is_still_reviewed(sent):
    token, _ = new_link(sent)
    uploaded = old_reply(f"addressee-token:{token.pk}", sent, Reply.ONLINE, file=check_file("r.png", files.PNG))
    token.delete()
    migration.review_existing_link_uploads(apps, None)
    assert Reply.objects.get(pk=uploaded.pk).under_review and not LinkReply.objects.exists()
