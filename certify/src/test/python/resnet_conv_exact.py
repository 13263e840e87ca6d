"""Exact circular spectra of ResNet-18's convolutions, the NumPy peer of Resnet18Bench.

Usage: /usr/bin/python3 resnet_conv_exact.py SPEC.json
SPEC lists layers {name, kernel (path of a .npy [out, in, k, k]), n (layer input size), s (stride),
cover (the circular grid the certificate uses)}. Per layer it prints one JSON line with the time of
rfft2 + np.linalg.svd(compute_uv=False) at the layer's input size n (the peer timing, like peers.py
conv-exact; strided layers through the aliasing form, blocks Q(g) = [K(g + a n/s)]_a / s), the exact
sigma_max at n, and the exact sigma_max on the cover grid (the operator the certificate bounds).
One BLAS thread.
"""
import json, os, sys, time
for v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[v] = "1"
import numpy as np


def sigma_max(K, n, s):
    if n % s != 0:
        s = 1  # stride not dividing n: not a circular operator on n; bound the stride-1 one
    Kt = np.transpose(K, (2, 3, 0, 1))  # [k, k, out, in]
    if s == 1:
        F = np.fft.rfft2(Kt, (n, n), axes=[0, 1])
        return float(np.linalg.svd(F, compute_uv=False).max())
    F = np.fft.fft2(Kt, (n, n), axes=[0, 1])  # aliases need the full spectrum
    m = n // s
    blocks = [F[a * m:(a + 1) * m, b * m:(b + 1) * m] for a in range(s) for b in range(s)]
    Q = np.concatenate(blocks, axis=3) / s  # [m, m, out, in*s*s]
    return float(np.linalg.svd(Q, compute_uv=False).max())


def main():
    spec = json.load(open(sys.argv[1]))
    for layer in spec:
        K = np.load(layer["kernel"])
        t0 = time.perf_counter()
        at_n = sigma_max(K, layer["n"], layer["s"])
        t = time.perf_counter() - t0
        at_cover = sigma_max(K, layer["cover"], layer["s"]) if layer["cover"] != layer["n"] else at_n
        print(json.dumps({"name": layer["name"], "seconds": t, "sigma_n": at_n, "sigma_cover": at_cover}), flush=True)


if __name__ == "__main__":
    main()
