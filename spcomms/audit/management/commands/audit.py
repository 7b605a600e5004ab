import json

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from spcomms.audit.models import AuditEvent
from spcomms.lib.times import printed


class Command(BaseCommand):
    help = "Show the latest audit entries (filter by action prefix or object)."

    def add_arguments(self, parser):
        parser.add_argument("--action", default="", help="action prefix, e.g. 'communication.'")
        parser.add_argument(
            "--object", default="", help="object as TYPE:ID, e.g. communication:12 (the app label is optional)"
        )
        parser.add_argument("--limit", type=int, default=20)
        parser.add_argument("--json", action="store_true")

    def handle(self, action, object, limit, json, **options):
        if limit < 1:
            raise CommandError("--limit must be 1 or more")
        events = AuditEvent.objects.all()
        if action:
            events = events.filter(action__startswith=action)
        if object:
            object_type, sep, object_id = object.partition(":")
            if not sep or not object_id:
                raise CommandError(f"--object {object!r} must be TYPE:ID, e.g. cases.communication:12")
            events = events.filter(object_type=_model_label(object_type), object_id=object_id)
        rows = list(events[:limit])
        if json:
            self.stdout.write(_dumps([_as_dict(e) for e in rows]))
            return
        if not rows:
            self.stdout.write("no audit entries match")
        for e in rows:
            self.stdout.write(f"{printed(e.at)}  {e.actor_label:<16} {e.action:<28} {e.object_repr}")


def _model_label(name: str) -> str:
    """ "communication" or "cases.communication" → "cases.communication" (the model's label, as stored)."""
    name = name.strip().lower()
    if "." in name:
        return name
    labels = sorted(model._meta.label_lower for model in apps.get_models() if model._meta.model_name == name)
    if len(labels) > 1:
        raise CommandError(f"--object type {name!r} is ambiguous: write one of {', '.join(labels)}")
    return labels[0] if labels else name


def _as_dict(event):
    return {
        "at": event.at.isoformat(),
        "actor": event.actor_label,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "object": event.object_repr,
        "before": event.before,
        "after": event.after,
    }


def _dumps(data):
    return json.dumps(data, indent=2, ensure_ascii=False, default=str)
