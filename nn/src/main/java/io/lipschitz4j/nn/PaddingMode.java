package io.lipschitz4j.nn;

/** How a convolution reads outside its input, as PyTorch's {@code padding_mode}. */
public enum PaddingMode {
    /** x = 0 outside the input. */
    ZEROS,
    /** x[i] = x[i mod n]: the input wraps around (a torus); PyTorch's {@code 'circular'}. */
    CIRCULAR
}
