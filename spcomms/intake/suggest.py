"""What triage is shown for a submission: mandates ranked with the reason, similar submissions and cases, and
possible duplicates. Texts are decrypted in memory for the comparison and never stored in any index."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spcomms.cases.models import Case
from spcomms.drafting.models import Draft
from spcomms.intake import mandates as mandate_text
from spcomms.intake import records
from spcomms.intake.models import Submission
from spcomms.lib.textsim import Corpus, matched, terms
from spcomms.registry.models import Mandate

DUPLICATE_AT = 0.8  # cosine similarity from which two accounts look like the same information
COMPARED = 2000  # the most recent submissions compared with


@dataclass
class MandateSuggestion:
    mandate: Mandate
    score: float
    reasons: list[str] = field(default_factory=list)


@dataclass
class Triage:
    mandates: list[MandateSuggestion]
    similar_submissions: list[tuple[Submission, float]]
    duplicates: list[tuple[Submission, float]]
    similar_cases: list[tuple[Case, float]]


def case_texts() -> dict[int, str]:
    texts = {c.pk: c.title + "\n" + c.summary for c in Case.objects.all()}
    for draft in Draft.objects.values("case_id", "facts"):
        texts[draft["case_id"]] = texts.get(draft["case_id"], "") + "\n" + (draft["facts"] or "")
    return texts


def mandate_suggestions(submission: Submission, text: str, cases: dict[int, str]) -> list[MandateSuggestion]:
    words = set(terms(text))
    corpus = Corpus(cases) if cases else None
    similar_cases = dict(corpus.similar(text, limit=50, threshold=0.1)) if corpus else {}
    by_mandate: dict[int, list[int]] = {}
    for case_id, mandate_id in Case.mandates.through.objects.values_list("case_id", "mandate_id"):
        by_mandate.setdefault(mandate_id, []).append(case_id)
    chosen = set(submission.mandates_chosen.values_list("pk", flat=True))
    titles = {c.pk: c.title for c in Case.objects.filter(pk__in=list(similar_cases))}
    found = []
    active = list(Mandate.objects.filter(active=True))
    vocabularies = {m.pk: set(terms(m.title + " " + mandate_text.describe(m))) for m in active}
    spread = Counter(term for vocabulary in vocabularies.values() for term in vocabulary)
    for mandate in active:
        suggestion = MandateSuggestion(mandate, 0.0)
        hits = matched(vocabularies[mandate.pk] & words, text)
        if hits:
            # A term in many mandates' titles ("freedom") says less than one in a single mandate's ("slavery").
            suggestion.score += sum(1 / spread[term] for term in hits)
            suggestion.reasons.append("terms matched: " + ", ".join(sorted(hits.values())))
        best = max(((similar_cases.get(c, 0.0), c) for c in by_mandate.get(mandate.pk, [])), default=(0.0, None))
        if best[1] is not None and best[0] > 0:
            suggestion.score += 4 * best[0]
            suggestion.reasons.append(f"text similar ({best[0]:.2f}) to its case “{titles.get(best[1], best[1])}”")
        if mandate.kind == Mandate.COUNTRY and mandate.country and mandate.country == submission.country:
            suggestion.score += 3
            suggestion.reasons.append("country mandate for the State concerned")
        if mandate.pk in chosen:
            suggestion.score += 2
            suggestion.reasons.append("chosen by the submitter")
        if suggestion.score > 0:
            found.append(suggestion)
    found.sort(key=lambda s: (-s.score, s.mandate.title))
    return found[:8]


def triage(submission: Submission) -> Triage:
    text = records.account_text(records.account_of(submission))
    others = Submission.objects.exclude(pk=submission.pk).order_by("-created_at")[:COMPARED]
    accounts = {other: records.account_text(records.account_of(other)) for other in others}
    similar = Corpus(accounts).similar(text, limit=8, threshold=0.1) if accounts else []
    cases = case_texts()
    similar_cases = Corpus(cases).similar(text, limit=5, threshold=0.1) if cases else []
    case_rows = Case.objects.in_bulk([pk for pk, _ in similar_cases])
    return Triage(
        mandates=mandate_suggestions(submission, text, cases),
        similar_submissions=[(s, score) for s, score in similar if score < DUPLICATE_AT],
        duplicates=[(s, score) for s, score in similar if score >= DUPLICATE_AT],
        similar_cases=[(case_rows[pk], score) for pk, score in similar_cases if pk in case_rows],
    )
