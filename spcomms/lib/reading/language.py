"""The language of a reply: py3langid's model (shipped in its wheel), restricted to languages replies come in."""

from __future__ import annotations

import functools
import re

# The six UN languages first, then the languages of the States and companies that most often reply.
LANGUAGES = ("en", "fr", "es", "ru", "zh", "ar", "de", "pt", "it", "nl", "ja", "ko", "tr", "pl", "sv", "id", "vi")
_LETTERS = re.compile(r"\w", re.UNICODE)
MIN_LETTERS = 20  # below this a guess is noise: say "und" (undetermined)


@functools.cache
def _identifier():
    from py3langid.langid import _load_identifier

    return _load_identifier(norm_probs=True, langs=list(LANGUAGES))


def detect_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code and probability; ("und", 0.0) for text too short to tell."""
    sample = text[:20_000]  # the opening pages decide; the rest only costs time
    if len(_LETTERS.findall(sample)) < MIN_LETTERS:
        return "und", 0.0
    code, probability = _identifier().classify(sample)
    return code, round(float(probability), 3)
