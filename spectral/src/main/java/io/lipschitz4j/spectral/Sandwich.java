package io.lipschitz4j.spectral;

/**
 * A certified enclosure lower ≤ σ ≤ upper of one quantity.
 *
 * @param lower a certified lower bound (kind LOWER or EXACT)
 * @param upper a certified upper bound (kind UPPER or EXACT)
 */
public record Sandwich(Bound lower, Bound upper) {
    /** Relative gap (upper − lower) / lower; 0 when both are 0, +∞ when lower is 0 and upper is not. */
    public double relativeGap() {
        double lo = lower.value(), hi = upper.value();
        if (hi == lo) return 0;
        return lo <= 0 ? Double.POSITIVE_INFINITY : (hi - lo) / lo;
    }

    public boolean contains(double exact) { return lower.value() <= exact && exact <= upper.value(); }
}
