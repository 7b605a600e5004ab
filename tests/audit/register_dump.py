"""A register with letters, replies with files and audit entries, and a dump of every row of every table."""

import datetime as dt
from pathlib import Path

from django.apps import apps
from django.core.management import call_command

from spcomms.cases.models import Communication, Reply
from spcomms.lib.letter import Letter
from spcomms.workflow.actions.replies import RecordReply
from spcomms.workflow.uploads import check_file

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def build_register() -> None:
    call_command("ingest", str(SAMPLES), verbosity=0)  # real letters (and their audit entries)
    from spcomms.drafting.render.pdf import render_pdf

    for comm in Communication.objects.exclude(letter=None).order_by("pk")[:3]:
        pdf = render_pdf(Letter.from_dict(comm.letter))  # a real PDF reply file, stored under MEDIA_ROOT
        received = (comm.date or dt.date(2021, 3, 1)) + dt.timedelta(days=40)
        RecordReply("test").execute(
            comm, received_on=received, language="en", channel=Reply.EMAIL, file=check_file("reply.pdf", pdf)
        )


def every_row() -> dict[str, list[dict]]:
    return {
        model._meta.label_lower: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


def every_file(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(Path(root).rglob("*")) if p.is_file()}
