package io.lipschitz4j.linalg;

/** A LAPACK/ARPACK routine reported failure (nonzero INFO) or was given unusable input (NaN, Inf). */
public class LinalgException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LinalgException(String message) { super(message); }
}
