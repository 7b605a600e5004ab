"""A case's addressees × questions: how every addressee answered, the reply rate, what was commonly left out.

Staff only (the assessment is internal). One data function, rendered as HTML and CSV by views.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spcomms.assessment.models import Assessment
from spcomms.cases.models import Case, Communication

NOT_SENT = (Communication.PREPARED,)


@dataclass
class Row:
    comm: Communication
    assessment: Assessment | None
    labels: dict[int, str] = field(default_factory=dict)
    rubric_total: int | None = None

    @property
    def replied(self) -> bool:
        return self.comm.replies.exists()


@dataclass
class Matrix:
    case: Case
    rows: list[Row]
    questions: list[int]
    sent: int
    replied: int
    unanswered: list[tuple[int, int, int]]  # (question number, not addressed, readings that have the question)

    @property
    def reply_rate(self) -> float | None:
        return self.replied / self.sent if self.sent else None


def case_matrix(case: Case) -> Matrix:
    comms = (
        case.communications.exclude(status__in=NOT_SENT)
        .select_related("addressee")
        .order_by("addressee__kind", "addressee__name")
    )
    rows, numbers = [], set()
    for comm in comms:
        assessment = (
            Assessment.objects.filter(reply__communication=comm, status=Assessment.DONE)
            .prefetch_related("labels", "scores")
            .order_by("-reply__received_on", "-reply_id")
            .first()
        )
        row = Row(comm, assessment)
        if assessment is not None:
            row.labels = {label.number: label.label for label in assessment.labels.all()}
            row.rubric_total = sum(score.score for score in assessment.scores.all())
            numbers |= set(row.labels)
        rows.append(row)
    questions = sorted(numbers)
    unanswered = []
    for number in questions:
        having = [r for r in rows if number in r.labels]
        missing = sum(1 for r in having if r.labels[number] == "not_addressed")
        unanswered.append((number, missing, len(having)))
    unanswered.sort(key=lambda item: (-(item[1] / item[2] if item[2] else 0), item[0]))
    replied = sum(1 for r in rows if r.replied)
    return Matrix(case, rows, questions, len(rows), replied, [u for u in unanswered if u[1]])


def csv_rows(matrix: Matrix) -> list[list[str]]:
    header = ["reference", "addressee", "kind", "replied", "language", "refuses_to_answer"]
    header += [f"Q{n}" for n in matrix.questions] + ["rubric_total"]
    lines = [header]
    for row in matrix.rows:
        a = row.assessment
        lines.append(
            [
                row.comm.reference,
                row.comm.addressee.name,
                row.comm.addressee.kind,
                "yes" if row.replied else "no",
                a.language if a else "",
                ("yes" if a.refuses_to_answer else "no") if a else "",
            ]
            + [row.labels.get(n, "") for n in matrix.questions]
            + ["" if row.rubric_total is None else str(row.rubric_total)]
        )
    return lines
