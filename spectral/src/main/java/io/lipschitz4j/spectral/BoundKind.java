package io.lipschitz4j.spectral;

/** What a {@link Bound}'s value is with respect to the exact quantity. */
public enum BoundKind {
    /** Exact up to a stated tolerance that is inside the error term of the bound. */
    EXACT,
    /** Certified upper bound: ≥ the exact value, rounding errors included. */
    UPPER,
    /** Certified lower bound: ≤ the exact value, rounding errors included. */
    LOWER,
    /** An estimate with no guarantee either way; never printed as a certificate. */
    ESTIMATE;

    /** True for the kinds that carry a guarantee (UPPER, LOWER; EXACT within its error term). */
    public boolean certified() { return this != ESTIMATE; }
}
