"""Reviewed replies: which link a reply came through, the permission to review, and existing link uploads put
under review (never published without a decision). Staff-recorded replies stay as they are."""

import django.db.models.deletion
from django.db import migrations, models


TOKEN_ACTOR = "addressee-token:"


def _link_uploads(apps) -> dict[int, int | None]:
    """{reply id: token id or None} of replies that came through a link, from their "reply.recorded" audit entry;
    online replies without such an entry (unknown origin) count as link uploads too."""
    AuditEvent, Reply = apps.get_model("audit", "AuditEvent"), apps.get_model("cases", "Reply")
    found: dict[int, int | None] = {}
    recorded_by_staff = set()
    for actor, after in AuditEvent.objects.filter(action="reply.recorded").values_list("actor_label", "after"):
        reply_id = (after or {}).get("reply")
        if reply_id is None:
            continue
        if actor.startswith(TOKEN_ACTOR) and actor[len(TOKEN_ACTOR) :].isdigit():
            found[reply_id] = int(actor[len(TOKEN_ACTOR) :])
        else:
            recorded_by_staff.add(reply_id)
    for reply_id in Reply.objects.filter(channel="online").values_list("pk", flat=True):
        if reply_id not in found and reply_id not in recorded_by_staff:
            found[reply_id] = None
    return found


def review_existing_link_uploads(apps, schema_editor):
    Reply, ReplyToken = apps.get_model("cases", "Reply"), apps.get_model("workflow", "ReplyToken")
    LinkReply = apps.get_model("workflow", "LinkReply")
    uploads = _link_uploads(apps)
    undecided = Reply.objects.filter(pk__in=list(uploads), reviewed_at__isnull=True)
    undecided.update(under_review=True)
    tokens = set(ReplyToken.objects.filter(pk__in=[t for t in uploads.values() if t]).values_list("pk", flat=True))
    existing = set(Reply.objects.filter(pk__in=list(uploads)).values_list("pk", flat=True))
    LinkReply.objects.bulk_create(
        LinkReply(token_id=token, reply_id=reply)
        for reply, token in uploads.items()
        if token in tokens and reply in existing
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0007_reply_review"),
        ("workflow", "0005_holderaccount_to_registry"),
        ("audit", "0002_at_from_the_clock"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="procedure",
            options={
                "default_permissions": (),
                "managed": False,
                "permissions": [
                    ("view_desk", "Can see the staff desk (dashboard, cases, letters)"),
                    ("submit_for_clearance", "Can submit a case's letters for clearance"),
                    ("approve_letters", "Can approve letters for the mandates one holds"),
                    ("send_letters", "Can send approved letters and record dispatch"),
                    ("hold_publication", "Can hold or release the publication of a letter"),
                    ("close_case", "Can close a case"),
                    (
                        "review_replies",
                        "Can accept a reply received through a link for publication or keep it confidential",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="LinkReply",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "reply",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE, related_name="link_reply", to="cases.reply"
                    ),
                ),
                (
                    "token",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="link_replies",
                        to="workflow.replytoken",
                    ),
                ),
            ],
            options={
                "verbose_name_plural": "link replies",
            },
        ),
        migrations.RunPython(review_existing_link_uploads, migrations.RunPython.noop),
    ]
