#!/usr/bin/env python3
"""Makes fmnist-test-256.npz: the first 256 images of the Fashion-MNIST test set (Xiao et al. 2017)
with their labels, for the README's `lipschitz certify` example.

Source: Debian's dataset-fashion-mnist package (apt-get install dataset-fashion-mnist), which puts
the IDX files in /usr/share/datasets/fashion-mnist. Run from this folder: python3 make_fmnist_sample.py

x  float32 [256, 1, 28, 28], pixel / 255 in [0, 1] (the scaling `lipschitz train` uses)
y  int64   [256], class labels 0..9
"""
import gzip

import numpy as np

SRC = "/usr/share/datasets/fashion-mnist/"
N = 256

with gzip.open(SRC + "t10k-images-idx3-ubyte.gz") as f:
    images = np.frombuffer(f.read(), dtype=np.uint8, offset=16).reshape(-1, 1, 28, 28)
with gzip.open(SRC + "t10k-labels-idx1-ubyte.gz") as f:
    labels = np.frombuffer(f.read(), dtype=np.uint8, offset=8)
np.savez_compressed("fmnist-test-256.npz", x=(images[:N] / 255.0).astype(np.float32), y=labels[:N].astype(np.int64))
