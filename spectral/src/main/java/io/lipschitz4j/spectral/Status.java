package io.lipschitz4j.spectral;

/** How an (iterative) method ended. Direct methods report {@link #CONVERGED}. */
public enum Status {
    /** Reached the requested tolerance (or a direct method finished). */
    CONVERGED,
    /** Hit the iteration cap before the tolerance; the value is still valid for its kind. */
    MAX_ITERATIONS,
    /** Blew up (overflow, NaN) or broke down; the value is not usable. */
    DIVERGED
}
