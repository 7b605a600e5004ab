"""Writing audit entries, and the snapshot of a model instance that goes into them."""

from __future__ import annotations

from django.db import models
from django.forms.models import model_to_dict

from spcomms.audit.models import AuditEvent
from spcomms.audit.names import is_known


def snapshot(instance: models.Model | None, *, exclude: tuple[str, ...] = ()) -> dict | None:
    """The instance's own field values, JSON-ready (files as names, relations as primary keys)."""
    if instance is None or instance.pk is None:
        return None
    data = model_to_dict(instance, exclude=list(exclude))
    for key, value in list(data.items()):
        if isinstance(value, list):  # many-to-many: instances → primary keys
            data[key] = [getattr(item, "pk", item) for item in value]
        elif hasattr(value, "name") and hasattr(value, "storage"):  # FieldFile
            data[key] = value.name or None
    return data


def actor_fields(actor) -> dict:
    """An actor is a user, or a label for non-human actors (CLI, worker, addressee token)."""
    if actor is None:
        return {"actor": None, "actor_label": "system"}
    if isinstance(actor, str):
        return {"actor": None, "actor_label": actor}
    return {"actor": actor, "actor_label": actor.get_username()}


def record(actor, action: str, instance: models.Model, *, before=None, after=None) -> AuditEvent:
    """Append one audit entry. Call it inside the transaction that makes the change."""
    if not is_known(action):
        raise ValueError(f"audit name {action!r} is not declared in spcomms.audit.names.AUDIT_NAMES")
    return AuditEvent.objects.create(
        **actor_fields(actor),
        action=action,
        object_type=instance._meta.label_lower,
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        before=before,
        after=after,
    )
