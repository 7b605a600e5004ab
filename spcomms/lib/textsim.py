"""Term matching and TF-IDF cosine similarity for short documents, in plain Python (no models, no index).

Good enough to rank a few thousand submissions and cases in memory; the texts are decrypted for the purpose and
never stored in an index.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter

# Words that say nothing about a topic, in the three languages submissions come in, and the mandates' titles' own.
STOPWORDS = frozenset(
    """
    a an and are as at be been by for from had has have he her his i in is it its of on or our she that the their
    them they this to was were which who with we you your not no also into after before about against other than
    le la les de des du un une et en est dans pour par sur au aux ce qui que il elle ils ont sont pas
    el los las del y en es por para con una unos que se su sus al lo
    special rapporteur working group independent expert experts issue situation promotion protection right rights
    human including related its causes consequences enjoyment all persons person people everyone context
    information without members other based effects negative impact use means fundamental freedoms highest
    attainable standard elimination affected obligations particularly full especially concerned allegedly
    reportedly received
    """.split()
)
_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def stem(word: str) -> str:
    """A crude English/Romance stem: enough for detention/detained, workers/worker."""
    for suffix in ("ations", "ation", "ments", "ment", "ings", "ing", "ions", "ion", "ies", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def terms(text: str) -> list[str]:
    return [stem(w) for w in _WORD.findall(fold(text)) if w not in STOPWORDS]


def matched(query_terms: set[str], text: str) -> dict[str, str]:
    """The words of `text` (as written) whose stem is among `query_terms`: {stem: word}."""
    found = {}
    for word in _WORD.findall(text):
        folded = fold(word)
        if folded in STOPWORDS:
            continue
        key = stem(folded)
        if key in query_terms and key not in found:
            found[key] = word.lower()
    return found


class Corpus:
    """TF-IDF vectors of a set of documents; `similar(text)` ranks them by cosine similarity to `text`."""

    def __init__(self, documents: dict):
        self.counts = {key: Counter(terms(text)) for key, text in documents.items()}
        frequency = Counter(term for counts in self.counts.values() for term in counts)
        total = len(self.counts) + 1
        self.idf = {term: math.log(total / (1 + n)) + 1 for term, n in frequency.items()}
        self.vectors = {key: self._vector(counts) for key, counts in self.counts.items()}

    def _vector(self, counts: Counter) -> dict[str, float]:
        vector = {t: (1 + math.log(n)) * self.idf.get(t, math.log(len(self.counts) + 1) + 1) for t, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        return {t: v / norm for t, v in vector.items()}

    def similar(self, text: str, *, exclude=(), limit: int = 5, threshold: float = 0.05) -> list[tuple[object, float]]:
        query = self._vector(Counter(terms(text)))
        scored = []
        for key, vector in self.vectors.items():
            if key in exclude:
                continue
            score = sum(weight * vector.get(term, 0.0) for term, weight in query.items())
            if score >= threshold:
                scored.append((key, round(score, 3)))
        scored.sort(key=lambda pair: (-pair[1], str(pair[0])))
        return scored[:limit]
