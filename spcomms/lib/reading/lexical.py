"""Word overlap weighted by how specific a word is to one question of the letter (IDF across its questions)."""

from __future__ import annotations

import math
import re

_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
# The vocabulary every question of every letter shares: it says nothing about which question a sentence answers.
STOPWORDS = frozenset(
    """the and for with that this these those from into your you our their its has have had was were are been being
    which what whether how any all such other also may can could would should will shall not nor but than then there
    here they them who whom whose when where why per via upon about above below under over after before between
    please provide information explain advise indicate describe detail details elaborate kindly steps measures taken
    take taking company companies business businesses enterprise government excellency human rights right abuses
    abuse violations violation related relevant including include includes included present letter mentioned
    particular order ensure adequate concrete specific place put within throughout through line well more
    """.split()
)


_SUFFIXES = (
    "ations",
    "ation",
    "ities",
    "ity",
    "ments",
    "ment",
    "ances",
    "ance",
    "ings",
    "ing",
    "ies",
    "ied",
    "ers",
    "er",
    "es",
    "ed",
    "s",
    "e",
)


def stem(word: str) -> str:
    """A crude stem: 'suppliers', 'supply' → 'suppli'; 'monitoring', 'monitor' → 'monito'; 'trained' → 'train'."""
    word = word.lower()
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    if word.endswith("y") and len(word) > 4:
        word = word[:-1] + "i"
    return word[:6]


def terms(text: str) -> set[str]:
    return {stem(w) for w in _WORD.findall(text) if w.lower() not in STOPWORDS}


class QuestionTerms:
    """The content terms of each question with their IDF over the letter's questions."""

    def __init__(self, questions: list[str]):
        self.per_question = [terms(q) for q in questions]
        count = len(questions)
        frequency: dict[str, int] = {}
        for question_terms in self.per_question:
            for term in question_terms:
                frequency[term] = frequency.get(term, 0) + 1
        self.frequency = frequency
        self.idf = {term: math.log((count + 1) / (df + 0.5)) for term, df in frequency.items()}

    def overlap(self, sentence_terms: set[str], index: int) -> float:
        """Share of question `index`'s specific vocabulary (IDF mass) that the sentence uses, 0..1."""
        wanted = self.per_question[index]
        total = sum(self.idf[t] for t in wanted)
        if not total:
            return 0.0
        return sum(self.idf[t] for t in wanted & sentence_terms) / total

    def specific(self, index: int) -> set[str]:
        """Question `index`'s words that at most half of the letter's questions use."""
        limit = max(1, len(self.per_question) // 2)
        return {t for t in self.per_question[index] if self.frequency.get(t, 0) <= limit}

    def distinctive(self, ask_terms: list[set[str]], index: int) -> list[set[str]]:
        """Per ask of question `index`: its words that no other ask of the question uses and that are specific to
        this question (used by at most half of the letter's questions)."""
        limit = max(1, len(self.per_question) // 2)
        specific = {t for t in self.per_question[index] if self.frequency.get(t, 0) <= limit}
        result = []
        for position, own in enumerate(ask_terms):
            others = set().union(*(a for i, a in enumerate(ask_terms) if i != position))
            result.append((own - others) & specific)
        return result

    def shared(self, sentence_terms: set[str], index: int) -> float:
        """IDF mass of the specific words shared (not normalised): two or three strong words is a clear signal."""
        return sum(self.idf[t] for t in self.per_question[index] & sentence_terms)
