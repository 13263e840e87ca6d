package io.lipschitz4j.linalg;

/**
 * Blocked Cholesky factorization A = RᴴR of a complex Hermitian matrix in split storage (row-major n×n
 * real and imaginary parts; the upper triangles are read and overwritten by R, the strict lower parts
 * are neither read nor updated), with real level-3 BLAS doing the complex work — netlib has no complex
 * LAPACK, and the real 2n×2n embedding would cost twice the flops.
 *
 * <p>Right-looking, block size {@value #BLOCK}; per block of rows [k₀, k₁):
 * <ol>
 * <li>the diagonal block is factored unblocked;</li>
 * <li>the row panel R₁₂ = R₁₁⁻ᴴA₁₂ is one real dtrsm: with rows interleaved (Re, Im, Re, Im, …) the complex
 *   lower-triangular R₁₁ᴴ becomes the real lower-triangular matrix of 2×2 blocks
 *   [[Re r_ba, Im r_ba], [−Im r_ba, Re r_ba]] (diagonal blocks r_aa·I, since the pivots are real);</li>
 * <li>the trailing update A₂₂ −= R₁₂ᴴR₁₂ is Re: −(XᵣᵀXᵣ + XᵢᵀXᵢ), one dsyrk on the interleaved panel, and
 *   Im: −(Y − Yᵀ) with Y = XᵣᵀXᵢ, one dgemm.</li>
 * </ol>
 * Cost (2/3)n³ real multiply–adds, as complex Cholesky, at level-3 BLAS speed.
 *
 * <p>Error analysis: every entry of R is still a_ij − Σ_k conj(r_ki)·r_kj, whose real and imaginary parts
 * are real sums of 2i products evaluated in some order (block partial sums, the trsm, Y_ij − Y_ji), then
 * divided by the real pivot — possibly through its reciprocal in dtrsm, one extra rounding. So Higham's
 * Theorem 10.3 (<i>Accuracy and Stability</i>, 2nd ed.) applies componentwise as for
 * {@link HermitianCholesky}, with one more rounding: R̃ᴴR̃ = A + ΔA, ‖ΔA‖₂ ≤ √2·γ_{2n+4}·‖R̃‖_F² (plus an
 * absolute underflow term), see {@link #backwardErrorBound}.
 */
public final class BlockedHermitianCholesky {
    static final int BLOCK = 64;

    private double[] x = new double[0], l = new double[0], y = new double[0];

    /**
     * Factors in place; returns 0 on success, or k+1 &gt; 0 when the k-th pivot is not positive (or NaN),
     * leaving a partial factorization.
     */
    public int factorInPlace(double[] re, double[] im, int n) {
        for (int k0 = 0; k0 < n; k0 += BLOCK) {
            int k1 = Math.min(n, k0 + BLOCK), kb = k1 - k0, m = n - k1;
            int info = factorDiagonalBlock(re, im, n, k0, k1);
            if (info != 0) return info;
            if (m == 0) break;
            panel(re, im, n, k0, kb, m);
            // trailing update of the upper triangles from the interleaved panel x (2kb × m), through y
            // (netlib's bounds check rejects a C block that ends inside the last column of A)
            if (y.length < m * m) y = new double[m * m];
            Blas.syrkAtA(m, 2 * kb, 1.0, x, 0, m, 0.0, y, 0, m);
            for (int i = 0; i < m; i++) {
                int row = (k1 + i) * n + k1;
                for (int j = i; j < m; j++) re[row + j] -= y[i * m + j];
            }
            Blas.gemm(true, false, m, m, kb, 1.0, x, 0, 2 * m, x, m, 2 * m, 0.0, y, 0, m);
            subtractAntisymmetricPart(y, m, im, k1 * n + k1, n);
        }
        return 0;
    }

    /** c_ij −= y_ij − y_ji on the strict upper triangle, in 32×32 tiles so the transposed reads stay in cache. */
    private static void subtractAntisymmetricPart(double[] y, int m, double[] c, int cOff, int ldc) {
        final int tile = 32;
        for (int i0 = 0; i0 < m; i0 += tile) {
            for (int j0 = i0; j0 < m; j0 += tile) {
                int i1 = Math.min(m, i0 + tile), j1 = Math.min(m, j0 + tile);
                for (int i = i0; i < i1; i++) {
                    int row = cOff + i * ldc;
                    for (int j = Math.max(j0, i + 1); j < j1; j++) c[row + j] -= y[i * m + j] - y[j * m + i];
                }
            }
        }
    }

    /** Unblocked right-looking factorization of the diagonal block [k0, k1)². */
    private static int factorDiagonalBlock(double[] re, double[] im, int n, int k0, int k1) {
        for (int j = k0; j < k1; j++) {
            int rj = j * n;
            double piv = re[rj + j];
            if (!(piv > 0)) return j + 1;
            double d = Math.sqrt(piv);
            re[rj + j] = d;
            im[rj + j] = 0;
            for (int c = j + 1; c < k1; c++) { re[rj + c] /= d; im[rj + c] /= d; }
            // a_ic −= conj(r_ji)·r_jc for j < i ≤ c < k1
            for (int i = j + 1; i < k1; i++) {
                double ar = re[rj + i], ai = im[rj + i];
                int ri = i * n;
                for (int c = i; c < k1; c++) {
                    double br = re[rj + c], bi = im[rj + c];
                    re[ri + c] -= ar * br + ai * bi;
                    im[ri + c] -= ar * bi - ai * br;
                }
            }
        }
        return 0;
    }

    /** R₁₂ = R₁₁⁻ᴴA₁₂ by one real dtrsm on interleaved rows; leaves the interleaved panel in x. */
    private void panel(double[] re, double[] im, int n, int k0, int kb, int m) {
        int k1 = k0 + kb, w = 2 * kb;
        if (x.length < w * m + m) x = new double[w * m + m]; // + m: the bounds check of the Im-row view
        if (l.length < w * w) l = new double[w * w];
        for (int a = 0; a < kb; a++) {
            System.arraycopy(re, (k0 + a) * n + k1, x, 2 * a * m, m);
            System.arraycopy(im, (k0 + a) * n + k1, x, (2 * a + 1) * m, m);
            for (int b = 0; b <= a; b++) {
                double rr = re[(k0 + b) * n + k0 + a], ri = b == a ? 0 : im[(k0 + b) * n + k0 + a];
                int o = 2 * a * w + 2 * b;
                l[o] = rr;
                l[o + 1] = ri;
                l[o + w] = -ri;
                l[o + w + 1] = rr;
            }
        }
        Blas.trsmLowerLeft(w, m, l, 0, w, x, 0, m);
        for (int a = 0; a < kb; a++) {
            System.arraycopy(x, 2 * a * m, re, (k0 + a) * n + k1, m);
            System.arraycopy(x, (2 * a + 1) * m, im, (k0 + a) * n + k1, m);
        }
    }

    /**
     * Certified upper bound on ‖ΔA‖₂ for a completed factorization held in the upper triangles:
     * √2·γ_{2n+4}·‖R̃‖_F² + (2n+4)·n·η, all rounded upward.
     */
    public static double backwardErrorBound(double[] re, double[] im, int n) {
        double s = 0;
        long cnt = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double a = re[i * n + j], b = im[i * n + j];
                s += a * a + b * b;
            }
            cnt += 2L * (n - i);
        }
        double fro2 = Rounding.sumOfSquaresUp(s, cnt);
        double g = Rounding.mulUp(Math.sqrt(2) * (1 + 1e-15), Rounding.gamma(2L * n + 4));
        return Rounding.addUp(Rounding.mulUp(g, fro2), Rounding.mulUp((2.0 * n + 4) * n, Rounding.ETA));
    }
}
