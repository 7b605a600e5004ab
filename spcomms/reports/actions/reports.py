"""Publishing a session's report, and staff overrides of a session's computed symbol or dates."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from spcomms.audit.actions import Action
from spcomms.audit.log import actor_fields
from spcomms.lib import clock
from spcomms.lib import sessions as rules

from ..models import PublishedReport, SessionOverride
from ..render.docx import render_docx
from ..render.pdf import render_pdf
from ..report import build_report


class PublishReport(Action):
    """Freeze the report of a session as it stands (data, PDF, DOCX) and list it on /reports/."""

    permission = "reports.publish_report"
    records = ("report.published",)

    def describe(self):
        return "publish a session's report"

    def perform(self, number: int) -> PublishedReport:
        rules.session(number)
        if PublishedReport.objects.filter(session=number).exists():
            raise ValidationError(f"The report to the {rules.ordinal(number)} session is already published.")
        data = build_report(number, status="published")
        report = PublishedReport.objects.create(
            session=number,
            symbol=data["symbol"],
            data=data,
            pdf=render_pdf(data),
            docx=render_docx(data),
            published_at=clock.now(),
            published_by=actor_fields(self.actor)["actor_label"],
        )
        self.audit(
            "report.published",
            report,
            after={"session": number, "symbol": report.symbol, "communications": data["figures"]["communications"]},
        )
        return report


class OverrideSession(Action):
    """Staff replace a session's computed symbol, windows or title-page date; empty values keep the rules'."""

    permission = "reports.override_session"
    records = ("session.overridden",)

    def describe(self):
        return "override a session's symbol or dates"

    def perform(self, number: int, *, reason: str, **values) -> SessionOverride:
        rules.session(number)
        if not reason.strip():
            raise ValidationError("An override needs a recorded reason.")
        if PublishedReport.objects.filter(session=number).exists():
            raise ValidationError("The report of this session is published: its symbol and dates can no longer change.")
        for first, last in (("sent_from", "sent_to"), ("replies_from", "replies_to")):
            if values.get(first) and values.get(last) and values[first] > values[last]:
                raise ValidationError(f"{first.replace('_', ' ')} comes after {last.replace('_', ' ')}.")
        override = SessionOverride.objects.filter(number=number).first()
        before = None if override is None else {k: str(getattr(override, k) or "") for k in values}
        override = override or SessionOverride(number=number)
        for name, value in values.items():
            setattr(override, name, value or ("" if name == "symbol" else None))
        override.reason = reason.strip()
        override.save()
        self.audit("session.overridden", override, before=before, after={k: str(v or "") for k, v in values.items()})
        return override
