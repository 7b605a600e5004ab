"""Which of the letter's questions a reply answers: answered / partly / not_addressed, with evidence and confidence.

1. The reply's own structure is honoured first: "Regarding question 3", "Q3", "Questions 4, 6 and 7", numbered
   paragraphs that follow the questions' numbers, and short headings restating a question. Each such marker opens a
   section that runs to the next marker.
2. A question is split into its asks (its sentences; "This includes …" belongs to the ask before it). Each sentence
   of the question's section goes to the ask it is most similar to (sentence embeddings and IDF-weighted word
   overlap); the question is answered when every ask has a sentence, partly when some have.
3. Sentences in no section (prose replies, preambles) are matched by content against every question, with a higher
   bar; the opening "any comment on the allegations" question takes comments on the allegations (denials too).
4. Cross-references ("please refer to our reply to question 2") take the referred question's answer; refusals
   ("we do not consider it necessary to answer the other questions") leave the rest not addressed. Statements of
   legal compliance or CSR generalities, and "we have not done X" without reason or plan, carry no answer (the
   latter answers only a "whether" ask).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from spcomms.lib.reading import rubric, structure
from spcomms.lib.reading.embeddings import QUESTION_TOKENS
from spcomms.lib.reading.lexical import QuestionTerms, terms
from spcomms.lib.reading.segment import Block, Span, blocks_of

ANSWERED, PARTLY, NOT_ADDRESSED = "answered", "partly", "not_addressed"
LABELS = (ANSWERED, PARTLY, NOT_ADDRESSED)

# Similarity bars (cosine of MiniLM vectors plus a share of word overlap), set on the project's own test replies.
SECTION_BAR = 0.22  # inside a section the reply itself says which question it answers: a low bar for an ask
CONTENT_BAR = 0.42  # outside any section a sentence must resemble the question clearly
CONTENT_STRONG = 0.52  # … and more than that to count as a full answer
HEADING_BAR = 0.40  # a heading restating a question
LEXICAL_WEIGHT = 0.35
CUE_BONUS = 0.08  # question and sentence use the vocabulary of the same due-diligence indicator
EVIDENCE_PER_ASK = 2
REFERRED_BAR = CONTENT_BAR - 0.08  # the referred answer was written for another question: judged as content is
_ELABORATION = re.compile(
    r"^\s*(?:this|these|that|it)\s+(?:includes?|may\s+include|covers?|means?)\b|^\s*for\s+"
    r"example|^\s*such\s+as",
    re.IGNORECASE,
)


@dataclass
class Sentence:
    index: int
    span: Span
    block: int
    heading: bool
    boilerplate: bool
    weak: bool
    nothing_done: bool
    refusal: bool
    allegation: bool
    cross_refs: list[int]
    elsewhere: bool  # refers to an earlier reply or another document instead of answering here
    terms: set[str]

    @property
    def usable(self) -> bool:
        return not (self.boilerplate or self.heading or self.weak or self.refusal)


@dataclass
class QuestionResult:
    number: int
    label: str = NOT_ADDRESSED
    confidence: float = 0.5
    evidence: list[Span] = field(default_factory=list)
    method: str = "none"  # numbered | heading | content | cross_reference | refusal | none
    note: str = ""

    def to_dict(self) -> dict:
        return {
            "number": self.number,
            "label": self.label,
            "confidence": round(self.confidence, 2),
            "method": self.method,
            "note": self.note,
            "evidence": [{"start": s.start, "end": s.end, "text": s.text} for s in self.evidence],
        }


@dataclass
class Reading:
    """Everything the labelling computed, for the rubric and for explaining a result."""

    questions: list[QuestionResult]
    sentences: list[Sentence]
    refuses_to_answer: bool
    sections: dict[int, list[int]]  # question number → sentence indexes of its sections


def split_asks(question: str) -> list[str]:
    parts = [p.strip() for p in re.split(r"(?<=[.?!])\s+(?=[A-Z])", question) if p.strip()]
    asks: list[str] = []
    for part in parts:
        if asks and (_ELABORATION.match(part) or len(part.split()) < 5):
            asks[-1] = f"{asks[-1]} {part}"
        else:
            asks.append(part)
    return asks or [question]


def _sentences(blocks: list[Block]) -> list[Sentence]:
    result = []
    for block in blocks:
        heading = block.is_heading and len(block.sentences) == 1
        for span in block.sentences:
            text = span.text
            result.append(
                Sentence(
                    index=len(result),
                    span=span,
                    block=block.index,
                    heading=heading or structure.is_marker_only(text),
                    boilerplate=structure.is_boilerplate(text),
                    weak=bool(structure.WEAK.search(text)) and not re.search(r"\d", text),
                    nothing_done=structure.is_nothing_done(text),
                    refusal=bool(structure.REFUSAL.search(text)),
                    allegation=bool(structure.ALLEGATION_COMMENT.search(text)),
                    cross_refs=structure.cross_references(text),
                    elsewhere=structure.refers_elsewhere(text),
                    terms=terms(text),
                )
            )
    return result


@dataclass
class _Marker:
    sentence: int
    numbers: list[int]
    kind: str  # numbered | heading


def _markers(blocks, sentences, count, heading_scores) -> list[_Marker]:
    first_of_block = {}
    for s in sentences:
        first_of_block.setdefault(s.block, s.index)
    explicit, bare, headings = [], [], []
    for block in blocks:
        start = first_of_block.get(block.index)
        if start is None:
            continue
        numbers = structure.lead_marker(block.text)
        if numbers:
            explicit.append(_Marker(start, numbers, "numbered"))
            continue
        number = structure.bare_number(block.text)
        if number is not None:
            bare.append(_Marker(start, [number], "numbered"))
            continue
        for s in sentences[start + 1 : start + len(block.sentences)]:
            inner = structure.LEAD_PHRASE.match(s.span.text) and structure.lead_marker(s.span.text)
            if inner:
                explicit.append(_Marker(s.index, inner, "numbered"))
        if sentences[start].heading and start in heading_scores:
            headings.append(_Marker(start, [heading_scores[start]], "heading"))
    if _follows_questions(bare, count):
        explicit.extend(bare)
    taken = {n for m in explicit for n in m.numbers}
    explicit.extend(m for m in headings if m.numbers[0] not in taken)
    valid = [m for m in explicit if all(1 <= n <= count for n in m.numbers)]
    return sorted(valid, key=lambda m: m.sentence)


def _follows_questions(bare: list[_Marker], count: int) -> bool:
    """Numbered paragraphs are answers to the questions only if they fit them: in range and mostly ascending."""
    numbers = [m.numbers[0] for m in bare]
    if len(numbers) < 2 or len(numbers) > count + 1 or max(numbers) > count:
        return False
    rising = sum(b > a for a, b in zip(numbers, numbers[1:], strict=False))
    return rising >= 0.7 * (len(numbers) - 1)


def _sections(markers: list[_Marker], sentences: list[Sentence]) -> tuple[dict[int, list[int]], set[int]]:
    sections: dict[int, list[int]] = {}
    inside: set[int] = set()
    for position, marker in enumerate(markers):
        end = markers[position + 1].sentence if position + 1 < len(markers) else len(sentences)
        members = [i for i in range(marker.sentence, end) if not sentences[i].boilerplate]
        for number in marker.numbers:
            sections.setdefault(number, []).extend(members)
        inside |= set(range(marker.sentence, end))
    return sections, inside


class _Scorer:
    """Similarity of sentences to questions and to each question's asks."""

    def __init__(self, encoder, questions: list[str], sentences: list[Sentence]):
        self.asks = [split_asks(q) for q in questions]
        self.whether = [[bool(structure.WHETHER.search(a)) for a in asks] for asks in self.asks]
        flat_asks = [a for asks in self.asks for a in asks]
        letter_vectors = encoder.encode(questions + flat_asks, max_tokens=QUESTION_TOKENS)
        self.question_vectors = letter_vectors[: len(questions)]
        ask_vectors = letter_vectors[len(questions) :]
        # Only sentences some rule compares: boilerplate, refusals and weak statements are never matched.
        read = [s.index for s in sentences if s.usable or s.heading]
        self.sentence_vectors = np.zeros((len(sentences), letter_vectors.shape[1]), dtype=np.float32)
        self.sentence_vectors[read] = encoder.encode([sentences[i].span.text for i in read])
        self.ask_vectors, position = [], 0
        for asks in self.asks:
            self.ask_vectors.append(ask_vectors[position : position + len(asks)])
            position += len(asks)
        self.lexical = QuestionTerms(questions)
        self.distinctive = [
            self.lexical.distinctive([terms(a) for a in asks], index) for index, asks in enumerate(self.asks)
        ]
        self.sentences = sentences
        # Due-diligence vocabulary shared by question and sentence ("leverage" / "end our orders"): a cue.
        self.cues = [rubric.cues(q) for q in questions]
        self.sentence_cues = [rubric.cues(s.span.text) for s in sentences]

    def ask_cosine(self, sentence: int, question: int) -> np.ndarray:
        return self.ask_vectors[question] @ self.sentence_vectors[sentence]

    def ask_similarity(self, sentence: int, question: int) -> np.ndarray:
        cosine = self.ask_vectors[question] @ self.sentence_vectors[sentence]
        lexical = LEXICAL_WEIGHT * self.lexical.overlap(self.sentences[sentence].terms, question)
        cue = CUE_BONUS * bool(self.cues[question] & self.sentence_cues[sentence])
        return cosine + lexical + cue

    def grounded(self, sentence: int, question: int) -> bool:
        """The sentence shares a word specific to the question, an indicator's vocabulary, or is very close to an
        ask: what a content match needs besides a similarity score."""
        return bool(
            self.sentences[sentence].terms & self.lexical.specific(question)
            or self.cues[question] & self.sentence_cues[sentence]
            or self.ask_cosine(sentence, question).max() >= STRONG_COSINE
        )

    def question_similarity(self, sentence: int, question: int) -> float:
        return float(self.ask_similarity(sentence, question).max())

    def heading_match(self, text_vector: np.ndarray, heading_terms: set[str]) -> tuple[list[int], float, float]:
        """Questions ranked by closeness to a heading, the best score and the second's."""
        scores = self.question_vectors @ text_vector
        scores = scores + LEXICAL_WEIGHT * np.array(
            [self.lexical.overlap(heading_terms, i) for i in range(len(self.asks))]
        )
        order = np.argsort(-scores)
        second = float(scores[order[1]]) if len(order) > 1 else 0.0
        return [int(i) for i in order], float(scores[order[0]]), second


def read_reply(text: str, questions: list[str], encoder) -> Reading:
    blocks = blocks_of(text)
    sentences = _sentences(blocks)
    results = [QuestionResult(number=i) for i in range(1, len(questions) + 1)]
    if not sentences:
        for result in results:
            result.note, result.confidence = "the reply has no text to read (a scan without a text layer?)", 0.3
    if not questions or not sentences:
        return Reading(results, sentences, any(s.refusal for s in sentences), {})
    scorer = _Scorer(encoder, questions, sentences)
    heading_scores = _heading_questions(sentences, scorer)
    markers = _markers(blocks, sentences, len(questions), heading_scores)
    sections, inside = _sections(markers, sentences)
    # Only a refusal that says so covers the rest ("the other questions"): "not in a position to disclose its
    # communications with authorities" declines one subject, even in a prose reply.
    refusal_of_rest = any(s.refusal and structure.REFUSAL_OF_REST.search(s.span.text) for s in sentences)
    for result in results:
        members = sections.get(result.number)
        if members is not None:
            _label_section(result, members, scorer, questions[result.number - 1])
    pool = [s.index for s in sentences if s.index not in inside]
    if markers:  # a structured reply: unmarked questions may still be answered elsewhere in it
        pool = [s.index for s in sentences]
    for result in results:
        if result.method == "none":
            _label_by_content(result, pool, scorer, questions, strict=refusal_of_rest or bool(markers))
    _resolve_cross_references(results, sections, scorer)
    for result in results:
        if result.label == NOT_ADDRESSED and refusal_of_rest and result.method in ("none", "content"):
            result.method, result.note, result.confidence = "refusal", "the reply declines to answer", 0.85
    refuses = any(s.refusal for s in sentences)
    return Reading(results, sentences, refuses, sections)


HEADING_MARGIN = 0.04  # a heading this much nearer one question than any other names it


def _heading_questions(sentences: list[Sentence], scorer: _Scorer) -> dict[int, int]:
    """Heading sentence → question number. A heading close to two questions ("Grievance mechanism and remedy")
    still opens a section: it takes the nearer question unless a clearer heading names that one, then the other."""
    clear, ambiguous = {}, []
    for s in sentences:
        if not s.heading or s.boilerplate:
            continue
        ranked, score, second = scorer.heading_match(scorer.sentence_vectors[s.index], s.terms)
        if score < HEADING_BAR:
            continue
        if score - second >= HEADING_MARGIN:
            clear[s.index] = ranked[0] + 1
        else:
            ambiguous.append((s.index, ranked))
    named = set(clear.values())
    for index, ranked in ambiguous:
        clear[index] = ranked[1] + 1 if ranked[0] + 1 in named else ranked[0] + 1
    return clear


def _label_section(result: QuestionResult, members: list[int], scorer: _Scorer, question: str) -> None:
    sentences = [scorer.sentences[i] for i in members]
    result.method = "numbered"
    if (
        sentences
        and all(s.refusal or s.heading or s.boilerplate for s in sentences)
        and any(s.refusal for s in sentences)
    ):
        result.method, result.note, result.confidence = "refusal", "the reply declines to answer this question", 0.9
        return
    substantive = [s for s in sentences if s.usable]
    if substantive and all(s.elsewhere for s in substantive):
        result.label, result.method, result.confidence = PARTLY, "cross_reference", 0.6
        result.note = "refers to an earlier reply or another document: nothing described in this one"
        result.evidence = [s.span for s in substantive]
        return
    if any(s.cross_refs for s in substantive) and len([s for s in substantive if not s.cross_refs]) <= 1:
        result.method, result.note = "cross_reference", "refers to the answer to another question"
        result.evidence = [s.span for s in substantive if s.cross_refs]
        return
    if structure.is_generic_comment_question(question):
        chosen = [s for s in substantive if not s.nothing_done][:EVIDENCE_PER_ASK]
        if chosen:
            result.label, result.confidence, result.evidence = ANSWERED, 0.9, [s.span for s in chosen]
        else:
            result.confidence = 0.75
        return
    covered = _cover_asks(result.number - 1, substantive, scorer, SECTION_BAR)
    asks = len(scorer.asks[result.number - 1])
    _apply_coverage(result, covered, asks, base=0.9)
    if not covered and any(not s.nothing_done for s in substantive):
        result.label, result.confidence, result.note = PARTLY, 0.45, "a section for this question, off its asks"
        result.evidence = [s.span for s in substantive if not s.nothing_done][:EVIDENCE_PER_ASK]
    elif not covered:
        result.note = "states that nothing was done; nothing described" if substantive else "an empty section"
        result.confidence = 0.7


STRONG_COSINE = 0.45  # a sentence this close to an ask covers it whatever its words


def _cover_asks(question: int, candidates: list[Sentence], scorer: _Scorer, bar: float) -> dict[int, list]:
    """Which asks the sentences cover: ask → [(score, sentence)].

    A sentence covers the ask it resembles most (above `bar`), and also any other ask above `bar` whose own
    distinctive words it uses, or that it is semantically very close to: "Effectiveness is tracked …" covers the
    monitoring ask even when the question's supplier ask is nearer overall.
    """
    covered: dict[int, list] = {}
    whether = scorer.whether[question]
    distinctive = scorer.distinctive[question]
    for sentence in candidates:
        scores = scorer.ask_similarity(sentence.index, question)
        cosine = scorer.ask_cosine(sentence.index, question)
        allowed = np.array(whether) if sentence.nothing_done else np.ones(len(scores), dtype=bool)
        if not allowed.any():
            continue  # "we have not …" answers only a "whether" ask
        scores = np.where(allowed, scores, -1.0)
        best = int(np.argmax(scores))
        chosen = {best} if scores[best] >= bar else set()
        for ask in range(len(scores)):
            if (
                allowed[ask]
                and scores[ask] >= bar
                and (sentence.terms & distinctive[ask] or cosine[ask] >= STRONG_COSINE)
            ):
                chosen.add(ask)
        for ask in chosen:
            covered.setdefault(ask, []).append((float(scores[ask]), sentence))
    return covered


def _apply_coverage(result: QuestionResult, covered: dict[int, list], asks: int, base: float) -> None:
    if not covered:
        result.label = NOT_ADDRESSED
        return
    result.label = ANSWERED if len(covered) == asks else PARTLY
    if result.label == PARTLY:
        result.note = f"{len(covered)} of {asks} parts of the question answered"
    evidence = []
    for ask in sorted(covered):
        best = sorted(covered[ask], key=lambda pair: -pair[0])[:EVIDENCE_PER_ASK]
        evidence.extend(sentence.span for _, sentence in best)
    result.evidence = sorted(set(evidence), key=lambda span: span.start)
    result.confidence = base if result.label == ANSWERED else base - 0.2


def _label_by_content(result, pool, scorer: _Scorer, questions: list[str], strict: bool) -> None:
    index = result.number - 1
    candidates = [scorer.sentences[i] for i in pool if scorer.sentences[i].usable]
    if structure.is_generic_comment_question(questions[index]):
        comments = [s for s in candidates if s.allegation and not s.cross_refs]
        result.method = "content"
        if comments:
            result.label, result.confidence = ANSWERED, 0.75
            result.evidence = [s.span for s in comments[:EVIDENCE_PER_ASK]]
        return
    others = [i for i in range(len(questions)) if i != index]
    comment_questions = [i for i in others if structure.is_generic_comment_question(questions[i])]
    bar = CONTENT_STRONG if strict else CONTENT_BAR
    mine = []
    for sentence in candidates:
        if sentence.allegation and not sentence.terms & scorer.lexical.specific(index):
            continue  # a comment on the allegations, not an answer to this question
        score = scorer.question_similarity(sentence.index, index)
        comment = max((scorer.question_similarity(sentence.index, o) for o in comment_questions), default=0.0)
        if sentence.allegation and comment >= score:
            continue  # nearer the "comment on the allegations" question: a comment, whatever words it shares
        if not scorer.grounded(sentence.index, index):
            continue  # resemblance alone, no word or indicator of the question: too loose outside a section
        rival = max((scorer.question_similarity(sentence.index, o) for o in others), default=0.0)
        if score >= bar and score >= rival - 0.02:
            mine.append(sentence)
    result.method = "content"
    covered = _cover_asks(index, mine, scorer, bar - 0.08)
    strongest = max((pair[0] for pairs in covered.values() for pair in pairs), default=0.0)
    _apply_coverage(result, covered, len(scorer.asks[index]), base=0.8)
    if result.label == ANSWERED and (strongest < CONTENT_STRONG or strict):
        result.label, result.note = PARTLY, "matched by content, not by the reply's own numbering"
    if result.label != NOT_ADDRESSED:
        result.confidence = min(0.85, 0.5 + (strongest - bar) * 2)
    else:
        result.confidence = 0.7
        if not strict:  # in a structured reply the sentence belongs to the section it stands in
            _label_by_indicator(result, candidates, scorer, others)


def _label_by_indicator(result: QuestionResult, candidates: list[Sentence], scorer: _Scorer, others) -> None:
    """Prose that uses the vocabulary of the one indicator a question asks about ("we reduce and finally end our
    orders" for leverage) answers it in part, even when the question's long wording keeps the similarity low."""
    index = result.number - 1
    own = scorer.cues[index] - set().union(*(scorer.cues[o] for o in others))
    if not own:
        return
    carrying = [
        s
        for s in candidates
        if own & scorer.sentence_cues[s.index]
        and not s.nothing_done
        and not s.allegation
        and scorer.question_similarity(s.index, index) >= SECTION_BAR
    ]
    if carrying:
        result.label, result.confidence = PARTLY, 0.45
        result.note = f"uses the vocabulary of {', '.join(sorted(own))} (the indicator this question asks about)"
        result.evidence = [s.span for s in carrying[:EVIDENCE_PER_ASK]]


def _resolve_cross_references(results: list[QuestionResult], sections, scorer: _Scorer) -> None:
    """A reference takes the referred answer, judged against this question's own asks: "see question 2" answers
    question 3 only as far as the answer to question 2 covers what question 3 asks."""
    by_number = {r.number: r for r in results}
    sentences = scorer.sentences
    for result in results:
        if result.method != "cross_reference" or result.label != NOT_ADDRESSED:
            continue  # a reference to another document was labelled in its section
        targets = [
            by_number[n]
            for span in result.evidence
            for s in sentences
            if s.span == span
            for n in s.cross_refs
            if n in by_number and n != result.number
        ]
        answered = [t for t in targets if t.label != NOT_ADDRESSED and t.method != "cross_reference"]
        if not answered:
            result.label, result.confidence = PARTLY, 0.4
            result.note = "refers to another answer that does not answer it either"
            continue
        target = answered[0]
        referred = [sentences[i] for i in sections.get(target.number, []) if sentences[i].usable]
        referred = referred or [s for s in sentences if s.span in set(target.evidence)]
        covered = _cover_asks(result.number - 1, referred, scorer, REFERRED_BAR)
        complete = target.label == ANSWERED and len(covered) == len(scorer.asks[result.number - 1])
        result.label = ANSWERED if complete else PARTLY
        result.confidence = round(target.confidence * 0.8, 2)
        result.note = f"refers to the answer to question {target.number}"
        if not complete:
            result.note += f", which covers {len(covered)} of {len(scorer.asks[result.number - 1])} parts of this one"
        result.evidence = sorted(set(result.evidence) | set(target.evidence), key=lambda span: span.start)
