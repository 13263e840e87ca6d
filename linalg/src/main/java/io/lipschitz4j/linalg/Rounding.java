package io.lipschitz4j.linalg;

/**
 * Floating-point error constants and directed-rounding helpers for certified bounds.
 *
 * <p>IEEE-754 binary64 with round-to-nearest: every basic operation satisfies
 * fl(a∘b) = (a∘b)(1+δ), |δ| ≤ u = 2⁻⁵³, when no underflow occurs, and an absolute error of at most
 * η/2 = 2⁻¹⁰⁷⁵ when it does (Higham, <i>Accuracy and Stability of Numerical Algorithms</i>, 2nd ed.,
 * §2.2). A sum of n products computed in <em>any</em> order, with or without FMA, satisfies
 * |fl(xᵀy) − xᵀy| ≤ γ_n |x|ᵀ|y| + n·η, γ_n = nu/(1−nu) (Higham Lemma 3.1 and (3.5)); the same holds
 * entrywise for BLAS matrix products, which is what makes BLAS results usable in certificates.
 *
 * <p>Directed rounding: Java has no rounding-mode control, but one ulp outward of a correctly
 * rounded result is always on the far side of the exact one ({@link Math#nextUp}), which is the
 * "outward step" of DESIGN.md. Every {@code ...Up} method returns a value ≥ the exact result of the
 * operation on its (exact double) arguments; {@code ...Down} a value ≤ it.
 */
public final class Rounding {
    /** Unit roundoff u = 2⁻⁵³ of binary64 with round-to-nearest. */
    public static final double UNIT_ROUNDOFF = 0x1p-53;
    /** Smallest positive subnormal η = 2⁻¹⁰⁷⁴: the absolute error unit of an underflowing operation. */
    public static final double ETA = Double.MIN_VALUE;

    private Rounding() {}

    /**
     * γ_n = nu / (1 − nu), rounded upward; the relative error bound of an n-term dot product.
     *
     * @throws IllegalArgumentException when nu ≥ 1/2 (the bound is then meaningless)
     */
    public static double gamma(long n) {
        if (n < 0) throw new IllegalArgumentException("n < 0");
        if (n == 0) return 0;
        double nu = n * UNIT_ROUNDOFF; // exact for n < 2^53: a power-of-two scaling of an integer
        if (nu >= 0.5) throw new IllegalArgumentException("gamma_n undefined for n = " + n);
        return divUp(nu, subDown(1.0, nu));
    }

    public static double addUp(double a, double b) { return Math.nextUp(a + b); }
    public static double addDown(double a, double b) { return Math.nextDown(a + b); }
    public static double subDown(double a, double b) { return Math.nextDown(a - b); }
    public static double subUp(double a, double b) { return Math.nextUp(a - b); }
    public static double mulUp(double a, double b) { return Math.nextUp(a * b); }
    public static double mulDown(double a, double b) { return Math.nextDown(a * b); }
    public static double divUp(double a, double b) { return Math.nextUp(a / b); }
    public static double divDown(double a, double b) { return Math.nextDown(a / b); }
    /** sqrt is correctly rounded, so one ulp up bounds it; sqrt of a non-positive value is 0. */
    public static double sqrtUp(double a) { return a <= 0 ? 0 : Math.nextUp(Math.sqrt(a)); }
    public static double sqrtDown(double a) { return a <= 0 ? 0 : Math.max(0, Math.nextDown(Math.sqrt(a))); }

    /**
     * Power-of-two exponent e such that maxAbs·2^e lies in [1, 2); 0 for zero, NaN or infinity.
     * Scaling by 2^e is exact (barring underflow of the smallest entries), so certified methods scale
     * first and unscale the bound at the end, which keeps squares of 1e±150 entries representable.
     */
    public static int normalizingExponent(double maxAbs) {
        if (!(maxAbs > 0) || Double.isInfinite(maxAbs)) return 0;
        int e = Math.getExponent(maxAbs);
        if (e < Double.MIN_EXPONENT) e = Math.getExponent(maxAbs * 0x1p54) - 54; // subnormal
        return -e;
    }

    /** Euclidean norm of x[off..off+len) computed with power-of-two scaling (no spurious overflow). */
    public static double norm2(double[] x, int off, int len) {
        double max = 0;
        for (int i = off; i < off + len; i++) max = Math.max(max, Math.abs(x[i]));
        if (max == 0 || !Double.isFinite(max)) return max;
        int e = normalizingExponent(max);
        double s = 0;
        for (int i = off; i < off + len; i++) {
            double v = Math.scalb(x[i], e);
            s += v * v;
        }
        return Math.scalb(Math.sqrt(s), -e);
    }

    /**
     * Certified upper bound on ‖x[off..off+len)‖₂: with entries v scaled by an exact power of two so
     * that max|v| ∈ [1, 2), the computed sum of squares s̃ obeys |s̃ − Σv²| ≤ γ_len·Σv² + len·η, so
     * Σv² ≤ (s̃ + len·η)/(1 − γ_len); then sqrt and unscale, all rounded up.
     */
    public static double norm2Upper(double[] x, int off, int len) {
        double max = 0;
        for (int i = off; i < off + len; i++) max = Math.max(max, Math.abs(x[i]));
        if (max == 0 || !Double.isFinite(max)) return max;
        int e = normalizingExponent(max);
        double s = 0;
        for (int i = off; i < off + len; i++) {
            double v = Math.scalb(x[i], e);
            s += v * v;
        }
        return scaleUp(sqrtUp(sumOfSquaresUp(s, len)), -e);
    }

    /**
     * Certified upper bound on a sum of {@code terms} squares from its computed value s̃ (any order):
     * Σv² ≤ (s̃ + terms·η)/(1 − γ_terms), rounded up.
     */
    public static double sumOfSquaresUp(double computed, long terms) {
        return divUp(addUp(computed, mulUp(terms, ETA)), subDown(1.0, gamma(terms)));
    }

    /** Certified lower bound on ‖x[off..off+len)‖₂ (same analysis, rounded down). */
    public static double norm2Lower(double[] x, int off, int len) {
        double max = 0;
        for (int i = off; i < off + len; i++) max = Math.max(max, Math.abs(x[i]));
        if (max == 0 || !Double.isFinite(max)) return max;
        int e = normalizingExponent(max);
        double s = 0;
        for (int i = off; i < off + len; i++) {
            double v = Math.scalb(x[i], e);
            s += v * v;
        }
        double exact = divDown(subDown(s, mulUp(len, ETA)), addUp(1.0, gamma(len)));
        return scaleDown(sqrtDown(exact), -e);
    }

    /** a·2^e rounded up: exact unless the result is subnormal, where one ulp up covers the loss. */
    public static double scaleUp(double a, int e) {
        double r = Math.scalb(a, e);
        return Math.scalb(r, -e) == a ? r : Math.nextUp(r);
    }

    /** a·2^e rounded down (see {@link #scaleUp}). */
    public static double scaleDown(double a, int e) {
        double r = Math.scalb(a, e);
        return Math.scalb(r, -e) == a ? r : Math.nextDown(r);
    }
}
