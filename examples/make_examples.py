#!/usr/bin/env python3
"""Makes the bundled example files (run from this folder: python3 make_examples.py).

conv3x3.npy     a 3x3 convolution kernel [out=16, in=8, 3, 3] in PyTorch layout, float64, drawn with
                PyTorch's default Conv2d initialisation (Kaiming-uniform, a=sqrt(5)) from a fixed seed:
                what an untrained layer of a small CNN looks like.
dense64x32.npy  a 64x32 Gaussian matrix scaled by 1/sqrt(32) (seed 1).
"""
import numpy as np

rng = np.random.default_rng(2024)
out_c, in_c, k = 16, 8, 3
bound = 1.0 / np.sqrt(in_c * k * k)  # kaiming_uniform(a=sqrt(5)) gives U(-1/sqrt(fan_in), 1/sqrt(fan_in))
np.save("conv3x3.npy", rng.uniform(-bound, bound, size=(out_c, in_c, k, k)))
np.save("dense64x32.npy", np.random.default_rng(1).standard_normal((64, 32)) / np.sqrt(32))
