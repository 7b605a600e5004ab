"""One reply read against its letter: language, question labels, refusal, rubric — as one JSON-ready record."""

from __future__ import annotations

from dataclasses import dataclass

from spcomms.lib.reading.labels import QuestionResult, read_reply
from spcomms.lib.reading.language import detect_language
from spcomms.lib.reading.rubric import Score, score_rubric

RULES_VERSION = "2026.12-2"  # bump when rules or bars change: stored assessments say what produced them


@dataclass
class ReplyAssessment:
    language: str
    language_probability: float
    refuses_to_answer: bool
    questions: list[QuestionResult]
    rubric: list[Score]
    model_version: str

    def to_dict(self, reference: str = "") -> dict:
        """The `spcomms assess --json` schema (plus spans and methods, which the staff view uses)."""
        return {
            "reference": reference,
            "language": self.language,
            "refuses_to_answer": self.refuses_to_answer,
            "questions": [q.to_dict() | {"evidence": [e.text for e in q.evidence]} for q in self.questions],
            "rubric": {
                s.indicator.code: {"score": s.score, "evidence": [e.text for e in s.evidence]} for s in self.rubric
            },
            "model_version": self.model_version,
        }


def assess_reply(text: str, questions: list[str], addressee_kind: str, encoder=None) -> ReplyAssessment:
    """`addressee_kind`: "state" for a State's reply, anything else for a company or other non-State actor."""
    language, probability = detect_language(text)  # first: the small model, before the large one fragments the heap
    if encoder is None:
        from spcomms.lib.reading.embeddings import encoder as shared_encoder

        encoder = shared_encoder()
    reading = read_reply(text, questions, encoder)
    return ReplyAssessment(
        language=language,
        language_probability=probability,
        refuses_to_answer=reading.refuses_to_answer,
        questions=reading.questions,
        rubric=score_rubric(reading.sentences, addressee_kind),
        model_version=f"{encoder.version}+rules-{RULES_VERSION}",
    )
