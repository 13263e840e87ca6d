package io.lipschitz4j.spectral.conv;

import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Lapack;
import io.lipschitz4j.linalg.Rounding;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * A reference value of σ₁(A) for soundness checks, sharper than LAPACK's own: with v the top right
 * singular vector from LAPACK, ρ = ‖Av‖/‖v‖ is a lower bound on σ₁ whose error is quadratic in the
 * angle between v and the top singular subspace (≈ (u/gap)²·σ₁), far below LAPACK's O(n·u·σ₁).
 *
 * <p>ρ is evaluated rigorously: each (Av)_i is accumulated without rounding loss in a double-double
 * (TwoProduct by {@link Math#fma}, TwoSum), whose error is at most 2γ²_{2n}·(|A||v|)_i (Ogita, Rump,
 * Oishi 2005, Prop. 4.5 without the final rounding); squares and sums are exact in BigDecimal; the error
 * vector's norm is subtracted before dividing. A is first scaled by a power of two (exact; LAPACK's
 * vectors are inaccurate for unscaled 1e-150 matrices) and the result unscaled, rounded down. So {@link #lower} is a certified lower bound on σ₁, and
 * σ₁ ≤ lower·(1 + {@link #MODEL_BAND}) holds under the Rayleigh accuracy model (not certified).
 */
record RayleighReference(double lower) {
    /** Relative band above {@link #lower} within which σ₁ lies under the quadratic-accuracy model. */
    static final double MODEL_BAND = 1e-24;
    private static final MathContext MC = new MathContext(40);

    static RayleighReference of(DenseMatrix unscaled) {
        if (unscaled.rows() == 0 || unscaled.cols() == 0 || unscaled.maxAbs() == 0) return new RayleighReference(0);
        // LAPACK's singular vectors lose accuracy far from unit scale (seen at 1e-150): scale by 2^e, exact
        int scale = Rounding.normalizingExponent(unscaled.maxAbs());
        double[] d = unscaled.data().clone();
        for (int i = 0; i < d.length; i++) d[i] = Math.scalb(d[i], scale);
        DenseMatrix a = new DenseMatrix(unscaled.rows(), unscaled.cols(), d);
        Lapack.Svd svd = Lapack.svd(a);
        int n = a.cols(), m = a.rows();
        double[] v = new double[n];
        for (int j = 0; j < n; j++) v[j] = svd.v().get(j, 0);
        BigDecimal yy = BigDecimal.ZERO, vv = BigDecimal.ZERO;
        double errSq = 0;
        double g2 = 2 * Rounding.gamma(2L * n) * Rounding.gamma(2L * n);
        for (int i = 0; i < m; i++) {
            double hi = 0, lo = 0, abs = 0;
            for (int j = 0; j < n; j++) {
                double x = a.get(i, j), p = x * v[j];
                double pe = Math.fma(x, v[j], -p);
                double s = hi + p, bp = s - hi;
                double se = (hi - (s - bp)) + (p - bp);
                hi = s;
                lo += pe + se;
                abs += Math.abs(p);
            }
            BigDecimal yi = new BigDecimal(hi).add(new BigDecimal(lo));
            yy = yy.add(yi.multiply(yi));
            double e = Rounding.addUp(Rounding.mulUp(g2, abs * (1 + 4 * n * Rounding.UNIT_ROUNDOFF)), 4 * n * Rounding.ETA);
            errSq = Rounding.addUp(errSq, Rounding.mulUp(e, e));
        }
        for (double x : v) vv = vv.add(new BigDecimal(x).multiply(new BigDecimal(x)));
        if (vv.signum() == 0) return new RayleighReference(0);
        // ‖Av‖ ≥ ‖ŷ‖ − ‖e‖; divide by ‖v‖ (exact up to the 40-digit sqrt, padded below)
        BigDecimal normY = yy.sqrt(MC).subtract(new BigDecimal(Rounding.sqrtUp(errSq)));
        BigDecimal ratio = normY.divide(vv.sqrt(MC), MC);
        double lower = Math.nextDown(ratio.multiply(BigDecimal.ONE.subtract(new BigDecimal("1e-35"))).doubleValue());
        return new RayleighReference(Math.max(0, Rounding.scaleDown(lower, -scale)));
    }
}
