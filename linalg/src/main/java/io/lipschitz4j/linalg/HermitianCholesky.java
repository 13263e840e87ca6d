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
    public static int factorInPlace(double[] re, double[] im, int n, double[] cr, double[] ci) {
        for (int k = 0; k < n; k++) {
            double piv = re[k * n + k];
            if (!(piv > 0)) return k + 1;
            double lkk = Math.sqrt(piv);
            re[k * n + k] = lkk;
            im[k * n + k] = 0;
            for (int i = k + 1; i < n; i++) {
                double a = re[i * n + k] / lkk, b = im[i * n + k] / lkk;
                re[i * n + k] = a;
                im[i * n + k] = b;
                cr[i] = a;
                ci[i] = b;
            }
            // trailing lower triangle: A_ij −= l_ik·conj(l_jk), j in (k, i]
            for (int i = k + 1; i < n; i++) {
                double ar = cr[i], ai = ci[i];
                int o = i * n;
                for (int j = k + 1; j <= i; j++) {
                    re[o + j] -= ar * cr[j] + ai * ci[j];
                    im[o + j] -= ai * cr[j] - ar * ci[j];
                }
            }
        }
        return 0;
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
        double fro2 = Rounding.divUp(Rounding.addUp(s, Rounding.mulUp(cnt, Rounding.ETA)), Rounding.subDown(1, Rounding.gamma(cnt)));
        double g = Rounding.mulUp(Math.sqrt(2) * (1 + 1e-15), Rounding.gamma(2L * n + 2));
        return Rounding.addUp(Rounding.mulUp(g, fro2), Rounding.mulUp((2.0 * n + 2) * n, Rounding.ETA));
    }
}
