package io.lipschitz4j.tensor;

/**
 * How a decomposition ended. Direct (non-iterative) methods — HOSVD, TT-SVD, HSVD — report
 * {@link #CONVERGED}. A small copy of the spectral module's enum: tensor depends on linalg only.
 */
public enum Status {
    /** Reached the requested tolerance (or a direct method finished). */
    CONVERGED,
    /** Hit the iteration cap before the tolerance; the model is the last iterate, still valid. */
    MAX_ITERATIONS,
    /** Blew up (overflow, NaN) or the error grew without bound; the model is not usable. */
    DIVERGED
}
