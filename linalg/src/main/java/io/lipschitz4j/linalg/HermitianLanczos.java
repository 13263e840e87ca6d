package io.lipschitz4j.linalg;

import java.util.SplittableRandom;

/**
 * ESTIMATE of λ_max of a Hermitian matrix (split storage, full, row-major) by the Lanczos process
 * without reorthogonalization (Golub and Van Loan, <i>Matrix Computations</i>, 4th ed., Alg. 10.1.1):
 * α_j = Re(v_jᴴHv_j), β_{j+1}v_{j+1} = Hv_j − α_jv_j − β_jv_{j−1}, and the largest eigenvalue of the real
 * tridiagonal T_k = tridiag(β, α, β) (LAPACK dsterf). Loss of orthogonality only duplicates converged
 * Ritz values, so the top one is still a good estimate; it is not a bound of either kind: callers
 * verify it (for instance with {@link ShiftCertificate}). Cost: 4p² real multiply–adds per step (two dgemm calls).
 */
public final class HermitianLanczos {
    private HermitianLanczos() {}

    /**
     * Top Ritz value after at most {@code maxSteps} steps; stops early once it changes by at most
     * {@code relTol} (relative) over 4 steps, or on an invariant subspace (β = 0).
     */
    public static double largestEigenvalue(double[] hr, double[] hi, int p, int maxSteps, double relTol, long seed) {
        if (p == 0) return 0;
        int k = Math.min(maxSteps, p);
        double[] vr = new double[p], vi = new double[p], ur = new double[p], ui = new double[p];
        double[] wr = new double[p], wi = new double[p];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < p; i++) { vr[i] = r.nextDouble() - 0.5; vi[i] = r.nextDouble() - 0.5; }
        scale(vr, vi, 1 / norm(vr, vi));
        double[] alpha = new double[k], beta = new double[k];
        double top = Double.NEGATIVE_INFINITY, checked = Double.NaN;
        int steps = 0;
        for (int j = 0; j < k; j++) {
            multiply(hr, hi, p, vr, vi, wr, wi);
            double a = 0;
            for (int i = 0; i < p; i++) a += vr[i] * wr[i] + vi[i] * wi[i];
            alpha[j] = a;
            double b = j == 0 ? 0 : beta[j - 1];
            for (int i = 0; i < p; i++) {
                wr[i] -= a * vr[i] + b * ur[i];
                wi[i] -= a * vi[i] + b * ui[i];
            }
            steps = j + 1;
            double nb = norm(wr, wi);
            if (steps % 4 == 0 || nb == 0 || steps == k) {
                top = topRitz(alpha, beta, steps);
                if (nb == 0 || Math.abs(top - checked) <= relTol * Math.abs(top)) break;
                checked = top;
            }
            beta[j] = nb;
            double[] t = ur; ur = vr; vr = t;
            t = ui; ui = vi; vi = t;
            for (int i = 0; i < p; i++) { vr[i] = wr[i] / nb; vi[i] = wi[i] / nb; }
        }
        return top;
    }

    private static double topRitz(double[] alpha, double[] beta, int m) {
        double[] d = java.util.Arrays.copyOf(alpha, m), e = java.util.Arrays.copyOf(beta, Math.max(m - 1, 1));
        Lapack.tridiagonalEigenvaluesInPlace(d, e, m);
        return d[m - 1];
    }

    /** w = H·v as two p×p by p×2 products on the split parts: [X|Y] = H_r·[v_r v_i], H_i·[v_r v_i]. */
    private static void multiply(double[] hr, double[] hi, int p, double[] vr, double[] vi, double[] wr, double[] wi) {
        double[] v = new double[2 * p], x = new double[2 * p], y = new double[2 * p];
        for (int i = 0; i < p; i++) { v[2 * i] = vr[i]; v[2 * i + 1] = vi[i]; }
        Blas.gemm(false, false, p, 2, p, 1.0, hr, p, v, 2, 0.0, x, 2);
        Blas.gemm(false, false, p, 2, p, 1.0, hi, p, v, 2, 0.0, y, 2);
        for (int i = 0; i < p; i++) {
            wr[i] = x[2 * i] - y[2 * i + 1];
            wi[i] = x[2 * i + 1] + y[2 * i];
        }
    }

    private static double norm(double[] re, double[] im) {
        double s = 0;
        for (int i = 0; i < re.length; i++) s += re[i] * re[i] + im[i] * im[i];
        return Math.sqrt(s);
    }

    private static void scale(double[] re, double[] im, double f) {
        for (int i = 0; i < re.length; i++) { re[i] *= f; im[i] *= f; }
    }
}
