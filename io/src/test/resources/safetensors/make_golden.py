#!/usr/bin/env python3
"""Writes golden.safetensors for lipschitz4j's SafetensorsReaderTest, by hand per the format spec
(https://github.com/huggingface/safetensors#format): u64 little-endian header length N, N bytes of
UTF-8 JSON {name: {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {...}} padded with
spaces to a multiple of 8, then the data buffer. Only NumPy is needed (the `safetensors` package is not
installed here). Run: python3 make_golden.py   (writes next to this script; tests never run Python)

Values, with i the C-order flat index (the Java test recomputes them):
  a  F32  [2, 3]  float32((i - 3) / 7)
  b  F64  [4]     (i - 3) / 7
  c  F16  [2, 2]  (i - 3) / 4
  d  BF16 [3]     1.5, -2.0, 0.15625   (exact in bfloat16: float32 bits >> 16)
  e  I64  [2]     i * 2**40 - 7
  f  I32  [3]     i * 1000 - 5
  z  F32  [0, 3]  empty
The data buffer holds them in the order b, e, a, f, c, d, z (not the header's order), so a reader must
follow data_offsets rather than assume header order.
"""
import json
import os
import struct

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def idx(shape):
    return np.arange(int(np.prod(shape, dtype=np.int64)), dtype=np.float64)


tensors = {
    "a": ("F32", [2, 3], ((idx([2, 3]) - 3) / 7).astype("<f4")),
    "b": ("F64", [4], ((idx([4]) - 3) / 7).astype("<f8")),
    "c": ("F16", [2, 2], ((idx([2, 2]) - 3) / 4).astype("<f2")),
    "d": ("BF16", [3], (np.array([1.5, -2.0, 0.15625], dtype="<f4").view("<u4") >> 16).astype("<u2")),
    "e": ("I64", [2], (np.arange(2, dtype=np.int64) * 2**40 - 7).astype("<i8")),
    "f": ("I32", [3], (np.arange(3, dtype=np.int64) * 1000 - 5).astype("<i4")),
    "z": ("F32", [0, 3], np.zeros((0, 3), dtype="<f4")),
}
data_order = ["b", "e", "a", "f", "c", "d", "z"]

offsets, buf, at = {}, b"", 0
for name in data_order:
    raw = tensors[name][2].tobytes()
    offsets[name] = [at, at + len(raw)]
    buf += raw
    at += len(raw)

header = {"__metadata__": {"format": "pt", "made_by": "make_golden.py"}}
for name in sorted(tensors):
    dtype, shape, _ = tensors[name]
    header[name] = {"dtype": dtype, "shape": shape, "data_offsets": offsets[name]}
h = json.dumps(header, separators=(",", ":")).encode("utf-8")
h += b" " * ((8 - len(h) % 8) % 8)
with open(os.path.join(HERE, "golden.safetensors"), "wb") as f:
    f.write(struct.pack("<Q", len(h)) + h + buf)
print("wrote golden.safetensors with NumPy", np.__version__)
