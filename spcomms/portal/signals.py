"""Keep the search index in step with every save, in the same transaction (a rollback takes the index back too).

Publication, holds, new replies and summary edits all arrive here; `search.reindex` asks the gate again each time,
so the index never holds a communication the gate would refuse.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from spcomms.cases.models import Case, CaseMandate, Communication, Reply
from spcomms.registry.models import Addressee

from . import search


@receiver(post_save, sender=Communication, dispatch_uid="portal-communication-saved")
def communication_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        search.reindex(instance)


@receiver(post_delete, sender=Communication, dispatch_uid="portal-communication-deleted")
def communication_deleted(sender, instance, **kwargs):
    search.remove(instance)


@receiver(post_save, sender=Reply, dispatch_uid="portal-reply-saved")
@receiver(post_delete, sender=Reply, dispatch_uid="portal-reply-deleted")
def reply_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        search.reindex(instance.communication_id)


@receiver(post_save, sender=Case, dispatch_uid="portal-case-saved")
def case_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _reindex_published(Communication.objects.filter(case=instance))


@receiver(post_save, sender=CaseMandate, dispatch_uid="portal-case-mandate-saved")
@receiver(post_delete, sender=CaseMandate, dispatch_uid="portal-case-mandate-deleted")
def case_mandates_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _reindex_published(Communication.objects.filter(case_id=instance.case_id))


@receiver(post_save, sender=Addressee, dispatch_uid="portal-addressee-saved")
def addressee_saved(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:
        _reindex_published(Communication.objects.filter(addressee=instance))


def _reindex_published(communications):
    # Only rows that are published or indexed can change the index; drafts of a busy case cost nothing.
    ids = list(communications.filter(published_at__isnull=False).values_list("pk", flat=True))
    if ids:
        search.reindex_many(ids)
