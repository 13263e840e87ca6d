package io.lipschitz4j.nn;

import java.lang.management.ManagementFactory;

/**
 * C(m×n) = A(m×k)·B(k×n) in float32 for a short inner dimension k ≤ {@link #MAX_K} (a convolution with
 * one input channel per group: k = kH·kW = 9 for a 3×3 kernel), where sgemm is slow: OpenBLAS ran the
 * issue's first conv layer (m = 16, k = 9) at about 20 GFLOP/s, against 45–57 at k ≥ 144.
 *
 * <p>Method: the rows of B are separate arrays ({@link #rows}), so that every loop reads and writes
 * all its arrays at the loop index alone, the only form that C2 (JDK 17) turns into AVX code; a loop
 * that reads two arrays at two different offsets stays scalar. Each output row is built in passes of
 * three rows of B: c[j] = fma(a₂, b₂[j], fma(a₁, b₁[j], fma(a₀, b₀[j], c[j]))), c starting at 0, so each
 * entry is the fused multiply-add chain over p = 0 … k−1 in order (error ≤ k·2⁻²⁴·Σ|a_p·b_p|). An
 * sgemm sums in its own order, so the two differ in the last bits. Cost 2·m·n·k flops plus ⌈k/3⌉·m·n
 * loads and stores of the accumulator, from L1 for the n ≤ 1024 the convolution uses. Measured per
 * call at n = 840 (one 28×28 sample), m = 16: 7.5 µs against sgemm's 9.6 at k = 9; even at k = 12 and
 * slower beyond (22 µs against 17 at k = 27), hence {@link #MAX_K}.
 *
 * <p>Only used where the JIT has fused multiply-add instructions ({@link #AVAILABLE}): without them
 * {@code Math.fma} falls back to BigDecimal arithmetic.
 */
final class ShortGemm {
    /** Whether the JVM compiles {@code Math.fma} to an instruction (HotSpot's {@code UseFMA}). */
    static final boolean AVAILABLE = useFma();
    /** Largest k this kernel takes: from k = 12 on sgemm is as fast or faster (see above). */
    static final int MAX_K = 9;

    /** Rows of B, each of length ≥ n: filled by the caller ({@link PhaseIm2col#columnRows}). */
    float[][] rows = new float[0][];

    /** Makes {@link #rows} hold k rows of at least n entries (reusing them when large enough). */
    void ensure(int k, int n) {
        if (rows.length != k || (k > 0 && rows[0].length < n)) rows = new float[k][n];
    }

    /**
     * c[cOff + i·n + j] = Σ_p a[aOff + i·k + p]·rows[p][j] for i < m, j < n (A row-major with leading
     * dimension k, C with leading dimension n), through {@code acc}, a scratch of ≥ n entries.
     */
    void multiply(float[] a, int aOff, int m, int k, int n, float[] c, int cOff, float[] acc) {
        for (int i = 0; i < m; i++) {
            row(a, aOff + i * k, k, n, acc);
            System.arraycopy(acc, 0, c, cOff + i * n, n);
        }
    }

    /** acc[j] = Σ_p a[aOff + p]·rows[p][j] for j < n: one row of the product (A's row at aOff), in order of p. */
    void row(float[] a, int aOff, int k, int n, float[] acc) {
        float[][] b = rows;
        java.util.Arrays.fill(acc, 0, n, 0f);
        int p = 0;
        for (; p + 3 <= k; p += 3) fma3(acc, a[aOff + p], b[p], a[aOff + p + 1], b[p + 1], a[aOff + p + 2], b[p + 2], n);
        for (; p < k; p++) fma1(acc, a[aOff + p], b[p], n);
    }

    private static void fma3(float[] acc, float a0, float[] b0, float a1, float[] b1, float a2, float[] b2, int n) {
        for (int j = 0; j < n; j++) acc[j] = Math.fma(a2, b2[j], Math.fma(a1, b1[j], Math.fma(a0, b0[j], acc[j])));
    }

    private static void fma1(float[] acc, float a0, float[] b0, int n) {
        for (int j = 0; j < n; j++) acc[j] = Math.fma(a0, b0[j], acc[j]);
    }

    private static boolean useFma() {
        try {
            com.sun.management.HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            return vm != null && Boolean.parseBoolean(vm.getVMOption("UseFMA").getValue());
        } catch (RuntimeException | LinkageError e) {
            return false; // not HotSpot, or the option is unknown: keep sgemm
        }
    }
}
