#!/usr/bin/env python3
"""Writes the golden .npy/.npz fixtures for lipschitz4j's io tests.

Run from anywhere:  python3 make_fixtures.py   (writes next to this script; tests never run Python)
Made with NumPy 2.4.6.

Values follow formulas that NpyFixturesTest recomputes in Java (no numbers are copied from output).
With i the C-order flat index 0, 1, 2, ...:
  float64  (i - 3) / 7            correctly rounded in both languages
  float32  float32((i - 3) / 7)   i.e. the float64 value rounded to nearest float
  float16  (i - 3) / 4            exact in half precision
  int8     i - 5          int32  i * 1000 - 5        int64  i * 2**40 - 7
  uint8    (i * 37) % 256 uint16 i * 3000            bool   i % 3 == 0
"""
import io
import os
import zipfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def f64(shape):
    n = int(np.prod(shape, dtype=np.int64))
    return ((np.arange(n, dtype=np.float64) - 3) / 7).reshape(shape)


def save(name, a):
    np.save(os.path.join(HERE, name), a)


def main():
    i12 = np.arange(12)
    # dtypes (shape 3x4 unless the name says otherwise)
    save("f8_3x4.npy", f64((3, 4)))
    save("f4_3x4.npy", f64((3, 4)).astype(np.float32))
    save("f2_3x4.npy", ((i12 - 3) / 4).astype(np.float16).reshape(3, 4))
    save("i1_3x4.npy", (i12 - 5).astype(np.int8).reshape(3, 4))
    save("i4_3x4.npy", (i12 * 1000 - 5).astype(np.int32).reshape(3, 4))
    save("i8_3x4.npy", (i12.astype(np.int64) * 2**40 - 7).reshape(3, 4))
    save("u1_3x4.npy", ((i12 * 37) % 256).astype(np.uint8).reshape(3, 4))
    save("u2_3x4.npy", (i12 * 3000).astype(np.uint16).reshape(3, 4))
    save("b1_3x4.npy", (i12 % 3 == 0).reshape(3, 4))
    save("f8be_3x4.npy", f64((3, 4)).astype(">f8"))
    save("f4be_3x4.npy", f64((3, 4)).astype(">f4"))
    # ranks
    save("f8_0d.npy", f64(()))                                  # 0-d array holding f(0)
    save("f8_1d_5.npy", f64((5,)))
    save("f8_3d_2x3x4.npy", f64((2, 3, 4)))
    save("f8_kernel_2x3x3x3.npy", f64((2, 3, 3, 3)))
    save("f8_empty_0x3.npy", f64((0, 3)))
    # header versions 2.0 and 3.0
    for v in (2, 3):
        with open(os.path.join(HERE, f"f8_3x4_v{v}.npy"), "wb") as fh:
            np.lib.format.write_array(fh, f64((3, 4)), version=(v, 0))
    # bad inputs that only NumPy makes naturally (the tests build truncations and garbage themselves)
    save("bad_fortran_3x4.npy", np.asfortranarray(f64((3, 4))))
    save("bad_complex_2.npy", np.array([1 + 2j, 3 - 4j]))
    nan = f64((2, 3))
    nan[1, 1] = np.nan
    nan[1, 2] = np.inf
    save("bad_nan_2x3.npy", nan)                                # first bad entry: flat 4, index [1, 1]
    # archives
    np.savez(os.path.join(HERE, "stored.npz"), weight=f64((3, 4)), bias=f64((4,)))
    np.savez_compressed(os.path.join(HERE, "compressed.npz"), kernel=f64((2, 3, 3, 3)))
    with zipfile.ZipFile(os.path.join(HERE, "mixed.npz"), "w") as z:   # one stored, one deflated member
        for name, a, method in (("a", f64((2, 2)), zipfile.ZIP_STORED), ("b", f64((3,)), zipfile.ZIP_DEFLATED)):
            buf = io.BytesIO()
            np.lib.format.write_array(buf, a)
            z.writestr(name + ".npy", buf.getvalue(), compress_type=method)
    np.savez(os.path.join(HERE, "bad_member_complex.npz"), ok=f64((2,)), z=np.array([1j]))


if __name__ == "__main__":
    main()
