package io.lipschitz4j.spectral.conv;

/** Boundary handling of a convolution. */
public enum Padding {
    /** Periodic (wrap-around) boundary: the operator is block-circulant (Sedghi et al. 2019). */
    CIRCULAR,
    /** Zeros outside the input (PyTorch {@code padding=p}, {@code padding_mode='zeros'}). */
    ZERO
}
