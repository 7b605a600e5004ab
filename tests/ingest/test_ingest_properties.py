"""Property: whatever the text, parse_text returns a Letter or raises ParseError — nothing else."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spcomms.ingest import ParseError, parse_text
from spcomms.lib.letter import Letter
from tests.ingest.ingest_helpers import MINEBEA, XIAOMI

LINES = MINEBEA.read_text(encoding="utf-8").split("\n") + XIAOMI.read_text(encoding="utf-8").split("\n")
SAMPLE_LINES = MINEBEA.read_text(encoding="utf-8").split("\n")
TEXT = st.text(alphabet=st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=3000)


def _parse(text: str) -> None:
    try:
        assert isinstance(parse_text(text, source="fuzz.txt"), Letter)
    except ParseError as error:
        assert str(error).startswith("fuzz.txt: ")


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_arbitrary_text(text):
    _parse(text)


@st.composite
def mutated_sample(draw):
    lines = list(SAMPLE_LINES)
    for _ in range(draw(st.integers(0, 12))):
        operation = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "foreign"]))
        i = draw(st.integers(0, len(lines) - 1))
        j = draw(st.integers(0, len(lines) - 1))
        if operation == "delete" and len(lines) > 1:
            del lines[i]
        elif operation == "duplicate":
            lines.insert(j, lines[i])
        elif operation == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif operation == "insert":
            line = lines[i]
            k = draw(st.integers(0, len(line)))
            lines[i] = line[:k] + draw(st.text(min_size=1, max_size=5).filter(lambda s: "\x00" not in s)) + line[k:]
        else:
            lines.insert(i, draw(st.sampled_from(LINES)))
    if draw(st.booleans()):
        lines = draw(st.permutations(lines))
    return "\n".join(lines)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_sample())
def test_mutated_sample(text):
    _parse(text)
