import json

from django.core.management.base import BaseCommand, CommandError

from spcomms.audit.models import AuditEvent


class Command(BaseCommand):
    help = "Show the latest audit entries (filter by action prefix or object)."

    def add_arguments(self, parser):
        parser.add_argument("--action", default="", help="action prefix, e.g. 'communication.'")
        parser.add_argument("--object", default="", help="object as type:id, e.g. cases.communication:12")
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
            events = events.filter(object_type=object_type, object_id=object_id)
        rows = list(events[:limit])
        if json:
            self.stdout.write(_dumps([_as_dict(e) for e in rows]))
            return
        for e in rows:
            self.stdout.write(f"{e.at:%Y-%m-%d %H:%M:%S}  {e.actor_label:<16} {e.action:<28} {e.object_repr}")


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
