package io.lipschitz4j.certify;

/**
 * Options of {@link GraphBound}. Immutable; start from {@link #defaults()} and use the {@code with…}
 * methods.
 *
 * @param convTolerance     relative tolerance of each convolution bound: the certified UPPER may exceed
 *                          the exact circular σ_max by at most this factor (cheaper when larger); 1e-3
 *                          by default, down to 1e-9
 * @param box               input box for nodes without a global constant (products of two varying
 *                          values), or {@code null}: such nodes then make the bound +∞, with a note
 * @param mergeLinear       fold BatchNorm-like affine maps into the preceding Dense/Conv2d and multiply
 *                          consecutive Dense maps before bounding ({@link LinearChainMerger})
 * @param maxMergedEntries  largest product matrix (rows·cols) that merging two Dense maps may create
 * @param threads           nodes bounded at a time, each on its own thread with single-threaded BLAS
 *                          (1 by default; the result is the same for any count)
 */
public record CertifyOptions(double convTolerance, InputBox box, boolean mergeLinear, long maxMergedEntries, int threads) {

    public CertifyOptions {
        if (!(convTolerance >= 1e-9 && convTolerance <= 0.5)) {
            throw new IllegalArgumentException("conv tolerance must be in [1e-9, 0.5], got " + convTolerance);
        }
        if (maxMergedEntries < 0) throw new IllegalArgumentException("maxMergedEntries must be >= 0, got " + maxMergedEntries);
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }

    /** Tolerance 1e-3, no box, merging on with products up to 4·10⁶ entries, one thread. */
    public static CertifyOptions defaults() { return new CertifyOptions(1e-3, null, true, 4_000_000L, 1); }

    public CertifyOptions withConvTolerance(double tol) { return new CertifyOptions(tol, box, mergeLinear, maxMergedEntries, threads); }
    public CertifyOptions withBox(InputBox b) { return new CertifyOptions(convTolerance, b, mergeLinear, maxMergedEntries, threads); }
    public CertifyOptions withMergeLinear(boolean m) { return new CertifyOptions(convTolerance, box, m, maxMergedEntries, threads); }
    public CertifyOptions withMaxMergedEntries(long n) { return new CertifyOptions(convTolerance, box, mergeLinear, n, threads); }
    public CertifyOptions withThreads(int t) { return new CertifyOptions(convTolerance, box, mergeLinear, maxMergedEntries, t); }
}
