#!/usr/bin/env python3
"""Golden values for ConvOperatorGoldenTest, made with PyTorch (run once; the .npy files are committed).

Usage: python3 make_golden.py   (writes into the directory of this script)

Convention check: Convolution's CIRCULAR semantics is y[i] = sum_a K[a] x[(i*s + a*d - p) mod n] with the
left offset p = d*floor(k/2) and o = ceil(n/s) outputs. PyTorch's conv on F.pad(x, (left, right),
mode='circular') computes y[i] = sum_a K[a] xpad[i*s + a*d] with xpad[m] = x[(m - left) mod n], so
left = p = d*floor(k/2) and right is the smallest amount giving ceil(n/s) outputs. The pad amounts are
adjusted here, never in the record. ZERO padding is PyTorch's own padding=p.
Every file is float64, C order, little-endian (np.save), which is all the Java test reader accepts.
"""
import os
import numpy as np
import torch
import torch.nn.functional as F

torch.manual_seed(0)
HERE = os.path.dirname(os.path.abspath(__file__))

# name, padding, kernel shape, input size, pad, stride, dilation, groups
CASES = [
    ("c2d_circ", "circular", (3, 2, 3, 3), (5, 6), (0, 0), (1, 1), (1, 1), 1),
    ("c2d_zero_mixed", "zero", (2, 2, 3, 2), (7, 6), (1, 2), (2, 1), (1, 2), 2),
    ("c2d_circ_s2_even", "circular", (2, 3, 2, 3), (6, 5), (0, 0), (2, 2), (1, 1), 1),
    ("c1d_circ_s2_d2", "circular", (2, 2, 3), (7,), (0,), (2,), (2,), 1),
    ("c1d_zero_g2", "zero", (4, 1, 5), (8,), (2,), (1,), (1,), 2),
]


def circular_pads(n, k, s, d):
    left = d * (k // 2)
    o = -(-n // s)
    right = max(0, d * (k - 1) + (o - 1) * s + 1 - n - left)
    return left, right, o


def run(padding, kernel, x, pad, stride, dilation, groups):
    sd = kernel.dim() - 2
    conv = F.conv2d if sd == 2 else F.conv1d
    if padding == "zero":
        return conv(x, kernel, stride=stride, padding=pad, dilation=dilation, groups=groups)
    pads, outs = [], []
    for a in reversed(range(sd)):  # F.pad lists the last axis first
        left, right, o = circular_pads(x.shape[2 + a], kernel.shape[2 + a], stride[a], dilation[a])
        pads += [left, right]
    for a in range(sd):
        outs.append(circular_pads(x.shape[2 + a], kernel.shape[2 + a], stride[a], dilation[a])[2])
    y = conv(F.pad(x, tuple(pads), mode="circular"), kernel, stride=stride, dilation=dilation, groups=groups)
    return y[(slice(None), slice(None)) + tuple(slice(0, o) for o in outs)]


def main():
    lines = []
    for name, padding, kshape, n, pad, stride, dil, groups in CASES:
        kernel = torch.randn(kshape, dtype=torch.float64)
        cin = kshape[1] * groups
        x = torch.randn((1, cin) + tuple(n), dtype=torch.float64)
        y = run(padding, kernel, x, pad, stride, dil, groups)
        np.save(os.path.join(HERE, name + "_kernel.npy"), kernel.numpy())
        np.save(os.path.join(HERE, name + "_input.npy"), x[0].numpy())
        np.save(os.path.join(HERE, name + "_output.npy"), y[0].numpy())
        fmt = lambda t: ",".join(str(v) for v in t)
        lines.append(f"{name} {padding.upper()} n={fmt(n)} pad={fmt(pad)} stride={fmt(stride)} dilation={fmt(dil)} groups={groups}")
    with open(os.path.join(HERE, "cases.txt"), "w") as f:
        f.write("# name padding n pad stride dilation groups (made by make_golden.py with torch " + torch.__version__ + ")\n")
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
