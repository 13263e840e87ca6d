package io.lipschitz4j.linalg;

/**
 * Cholesky factorization A = L·Lᴴ of a complex Hermitian matrix in split storage (row-major n×n real
 * and imaginary parts; the lower triangle is read and overwritten by L), right-looking, with
 * unit-stride axpy updates. Used as a positive-definiteness certificate.
 *
 * <p>Error analysis (for certificates): every entry of L is computed from a_ij − Σ_k l_ik·conj(l_jk),
 * whose real and imaginary parts are real dot products of length 2j followed by a division or a
 * square root, so Higham's Theorem 10.3 (<i>Accuracy and Stability</i>, 2nd ed.) applies
 * componentwise with n replaced by 2n: if the factorization runs to completion, L̃·L̃ᴴ = A + ΔA with
 * |ΔA| ≤ √2·γ_{2n+2}·|L̃|·|L̃|ᵀ (moduli), so ‖ΔA‖₂ ≤ √2·γ_{2n+2}·‖L̃‖_F² (plus an absolute
 * underflow term). See {@link #backwardErrorBound}.
 *
 * <p>Cost: (2/3)n³ real multiply–adds.
 */
public final class HermitianCholesky {
    private HermitianCholesky() {}

    /**
     * Factors in place; returns 0 on success, or k+1 &gt; 0 when the k-th pivot is not positive (or NaN),
     * in which case the arrays hold a partial factorization. Scratch arrays cr, ci need length ≥ n.
     */
    public static int factorInPlace(double[] re0, double[] im0, int n, double[] cr, double[] ci) {
        // rows as separate arrays: HotSpot (JDK 17) vectorizes a[j] loops but not a[o + j] ones
        double[][] re = new double[n][], im = new double[n][];
        for (int i = 0; i < n; i++) {
            re[i] = java.util.Arrays.copyOfRange(re0, i * n, i * n + i + 1);
            im[i] = java.util.Arrays.copyOfRange(im0, i * n, i * n + i + 1);
        }
        int info = 0;
        for (int k = 0; k < n && info == 0; k++) {
            double piv = re[k][k];
            if (!(piv > 0)) { info = k + 1; break; }
            double lkk = Math.sqrt(piv);
            re[k][k] = lkk;
            im[k][k] = 0;
            for (int i = k + 1; i < n; i++) {
                double a = re[i][k] / lkk, b = im[i][k] / lkk;
                re[i][k] = a;
                im[i][k] = b;
                cr[i] = a;
                ci[i] = b;
            }
            // trailing lower triangle: A_ij −= l_ik·conj(l_jk), j in (k, i]
            for (int i = k + 1; i < n; i++) {
                double ar = cr[i], ai = ci[i];
                double[] x = re[i], y = im[i];
                for (int j = k + 1; j <= i; j++) x[j] -= ar * cr[j] + ai * ci[j];
                for (int j = k + 1; j <= i; j++) y[j] -= ai * cr[j] - ar * ci[j];
            }
        }
        for (int i = 0; i < n; i++) {
            System.arraycopy(re[i], 0, re0, i * n, i + 1);
            System.arraycopy(im[i], 0, im0, i * n, i + 1);
        }
        return info;
    }

    /**
     * Certified upper bound on ‖ΔA‖₂ for a completed factorization held in the lower triangle:
     * √2·γ_{2n+2}·‖L̃‖_F² + (2n+2)·n·η, all rounded upward.
     */
    public static double backwardErrorBound(double[] re, double[] im, int n) {
        double s = 0;
        long cnt = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double a = re[i * n + j], b = im[i * n + j];
                s += a * a + b * b;
                cnt += 2;
            }
        }
        double fro2 = Rounding.sumOfSquaresUp(s, cnt);
        double g = Rounding.mulUp(Math.sqrt(2) * (1 + 1e-15), Rounding.gamma(2L * n + 2));
        return Rounding.addUp(Rounding.mulUp(g, fro2), Rounding.mulUp((2.0 * n + 2) * n, Rounding.ETA));
    }
}
