package io.lipschitz4j.spectral;

import java.time.Duration;
import java.util.Objects;

/**
 * The result of a spectral-norm computation: an immutable record of what was computed and how far it
 * can be trusted.
 *
 * @param value      the number (for UPPER already increased, for LOWER already decreased, by the
 *                   rounding-error term, so it is certified as it stands)
 * @param kind       what the value is: EXACT, UPPER, LOWER or ESTIMATE
 * @param errorTerm  the floating-point error allowance already folded into value (≥ 0); for EXACT the
 *                   stated absolute tolerance, so |value − exact| ≤ errorTerm
 * @param method     method name, e.g. {@code "gram-iteration"}, {@code "sedghi-fft"}
 * @param iterations iterations performed (0 for direct methods)
 * @param status     CONVERGED, MAX_ITERATIONS or DIVERGED
 * @param residual   the method's final residual or relative change (NaN when not applicable)
 * @param time       wall-clock time spent
 */
public record Bound(double value, BoundKind kind, double errorTerm, String method, int iterations,
                    Status status, double residual, Duration time) {

    public Bound {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(time, "time");
        if (!(errorTerm >= 0)) throw new IllegalArgumentException("error term must be >= 0, got " + errorTerm);
        if (Double.isNaN(value) && status != Status.DIVERGED) {
            throw new IllegalArgumentException("NaN value is only allowed with status DIVERGED (" + method + ")");
        }
    }

    /** A direct-method result (no iterations, CONVERGED, no residual). */
    public static Bound direct(double value, BoundKind kind, double errorTerm, String method, Duration time) {
        return new Bound(value, kind, errorTerm, method, 0, Status.CONVERGED, Double.NaN, time);
    }

    /** True when the value may be used as a guarantee of its kind (certified kind and not diverged). */
    public boolean certified() { return kind.certified() && status != Status.DIVERGED; }

    /** True when this bound is consistent with the exact value x (an UPPER ≥ x, a LOWER ≤ x, EXACT within its term). */
    public boolean holdsFor(double exact) {
        return switch (kind) {
            case UPPER -> value >= exact;
            case LOWER -> value <= exact;
            case EXACT -> Math.abs(value - exact) <= errorTerm;
            case ESTIMATE -> true;
        };
    }

    /** This bound with another value of time (results are immutable; timing is set by the caller that measured it). */
    public Bound withTime(Duration t) {
        return new Bound(value, kind, errorTerm, method, iterations, status, residual, t);
    }

    /** Human-readable one-liner, e.g. {@code "3.1415926536 (UPPER, gram-iteration, 7 it, CONVERGED)"}. */
    @Override public String toString() {
        return String.format("%.12g (%s, %s, %d it, %s%s)", value, kind, method, iterations, status,
                Double.isNaN(residual) ? "" : String.format(", residual %.2e", residual));
    }
}
