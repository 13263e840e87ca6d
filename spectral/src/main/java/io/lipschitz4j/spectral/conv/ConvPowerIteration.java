package io.lipschitz4j.spectral.conv;

import static io.lipschitz4j.linalg.Rounding.*;

import io.lipschitz4j.linalg.Gaussian;
import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.spectral.Bound;
import io.lipschitz4j.spectral.BoundKind;
import io.lipschitz4j.spectral.Status;
import java.time.Duration;

/**
 * Power iteration on AᵀA with the matrix-free {@link ConvOperator}, finished with a certified LOWER
 * bound on ‖A‖₂.
 *
 * <p>Iteration: x₀ = seeded Gaussian, x ← AᵀAx/‖AᵀAx‖; σ_t = ‖Ax_t‖. Stops with CONVERGED when
 * |σ_t − σ_{t−1}| ≤ tol·σ_t, else MAX_ITERATIONS at the cap; residual = ‖AᵀAx − σ²x‖/σ² at the
 * last step. The kernel is first scaled by a power of two into [1, 2) (exact unless entries become
 * subnormal, accounted for below), so kernels of size 1e±150 neither overflow nor underflow.
 *
 * <p>Certificate: for the final unit-ish x (stored doubles, exact), y = fl(Ax) satisfies
 * |y − Ax| ≤ γ_K·|A||x| + Kη entrywise, K = taps per output ({@link ConvOperator#tapsPerOutput}),
 * since each output entry is one dot product of ≤ K terms. With z = fl(|A||x|) (one pass with the
 * absolute kernel), |A||x| ≤ (z + Kη)/(1 − γ_K), hence
 * <pre>  ‖A‖₂ ≥ (‖y‖↓ − γ_K‖(z + Kη)/(1−γ_K)‖↑ − √m·Kη − ‖ΔA‖) / ‖x‖↑</pre>
 * all rounded down, with ‖ΔA‖ ≤ Σ|ΔK| ≤ size(K)·η the (normally zero) loss of the prescaling to
 * subnormals. Cost: 2 operator applications per iteration plus 2 for the
 * certificate, each O(out·(in/groups)·k₁k₂·o₁o₂). The lower bound is rigorous whatever the
 * convergence; convergence only affects how tight it is (the rate is (σ₂/σ₁)² per step).
 */
final class ConvPowerIteration {
    private ConvPowerIteration() {}

    static Bound lower(Convolution conv, long seed, double tol, int maxIterations) {
        if (maxIterations < 1) throw new IllegalArgumentException("maxIterations must be >= 1");
        long t0 = System.nanoTime();
        Tensor k = conv.kernel();
        double max = 0;
        for (double v : k.data()) max = Math.max(max, Math.abs(v));
        if (max == 0) return Bound.direct(0, BoundKind.LOWER, 0, "power-iteration", Duration.ofNanos(System.nanoTime() - t0));
        int e = normalizingExponent(max);
        double[] kd = k.data().clone();
        for (int i = 0; i < kd.length; i++) kd[i] = Math.scalb(kd[i], e);
        Convolution scaled = new Convolution(new Tensor(k.shape(), kd), conv.inputSize(), conv.padding(), conv.pad(),
                conv.stride(), conv.dilation(), conv.groups());
        ConvOperator a = new ConvOperator(scaled);
        int n = a.cols(), m = a.rows();
        double[] x = Gaussian.vector(n, seed);
        normalize(x);
        double[] y = new double[m], z = new double[n];
        double sigma = 0, prev = Double.NaN, residual = Double.NaN;
        Status status = Status.MAX_ITERATIONS;
        int it = 0;
        while (it < maxIterations) {
            it++;
            a.apply(x, y);
            sigma = norm2(y, 0, m);
            a.applyTranspose(y, z);
            double zn = norm2(z, 0, n);
            if (!Double.isFinite(zn)) { status = Status.DIVERGED; break; }
            if (zn == 0) { status = Status.CONVERGED; break; } // x in the null space: lower bound 0 below
            double s2 = sigma * sigma, r = 0;
            for (int i = 0; i < n; i++) { double d = z[i] - s2 * x[i]; r += d * d; }
            residual = Math.sqrt(r) / s2;
            for (int i = 0; i < n; i++) x[i] = z[i] / zn;
            if (!Double.isNaN(prev) && Math.abs(sigma - prev) <= tol * sigma) { status = Status.CONVERGED; break; }
            prev = sigma;
        }
        if (status == Status.DIVERGED) {
            return new Bound(Double.NaN, BoundKind.LOWER, 0, "power-iteration", it, status, residual,
                    Duration.ofNanos(System.nanoTime() - t0));
        }
        double lo = certifiedRatio(a, x);
        double err = Math.max(0, subUp(norm2(y, 0, m) / Math.max(norm2(x, 0, n), Double.MIN_NORMAL), lo));
        // ‖conv with kernel Δ‖ ≤ Σ_taps ‖Δ_tap‖₂ ≤ Σ|Δ| ≤ size·η for the prescaling loss Δ (0 unless subnormal)
        double slack = mulUp(kd.length, ETA);
        lo = Math.max(0, subDown(lo, slack));
        double value = scaleDown(lo, -e);
        return new Bound(value, BoundKind.LOWER, scaleUp(err, -e), "power-iteration", it, status, residual,
                Duration.ofNanos(System.nanoTime() - t0));
    }

    /** Certified lower bound on ‖Ax‖/‖x‖ for the stored doubles x (see the class comment). */
    static double certifiedRatio(ConvOperator a, double[] x) {
        int n = a.cols(), m = a.rows(), kk = a.tapsPerOutput();
        double[] y = new double[m], z = new double[m], ax = new double[n];
        a.apply(x, y);
        for (int i = 0; i < n; i++) ax[i] = Math.abs(x[i]);
        a.abs().apply(ax, z);
        double g = gamma(kk), sqm = sqrtUp(m), keta = mulUp(kk, ETA);
        double absAx = divUp(addUp(norm2Upper(z, 0, m), mulUp(sqm, keta)), subDown(1, g));
        double err = addUp(mulUp(g, absAx), mulUp(sqm, keta));
        double lo = divDown(subDown(norm2Lower(y, 0, m), err), norm2Upper(x, 0, n));
        return lo > 0 ? lo : 0;
    }

    private static void normalize(double[] x) {
        double s = norm2(x, 0, x.length);
        for (int i = 0; i < x.length; i++) x[i] /= s;
    }
}
