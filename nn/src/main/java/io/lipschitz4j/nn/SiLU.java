package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Tensor;

/**
 * y = x·σ(x) elementwise (SiLU/Swish: Elfwing et al. 2018, Ramachandran et al. 2017; PyTorch's
 * {@code nn.SiLU}). ∂y/∂x = σ(x)(1 + x(1 − σ(x))).
 *
 * <p>Lipschitz constant sup|σ(x)(1 + x(1 − σ(x)))|: the second derivative σ(1−σ)(2 + x(1 − 2σ)) vanishes
 * where 2 + x(1 − 2σ(x)) = 0, i.e. at x* ≈ ±2.3994, with the maximum 1.09984 at +x* (the minimum
 * −0.09984 at −x*). {@link #LIPSCHITZ} is computed once by bisection for x* and evaluation of the
 * derivative there; since x* is a maximizer the computed value can only err below the true one by the
 * rounding of the evaluation (a few ulps) plus a second-order term in the bisection error (≈ 1e−30), so
 * adding 1e−12 and rounding up gives a value ≥ the true constant.
 */
public final class SiLU implements Activation {
    /** sup |d/dx x·σ(x)| ≈ 1.0998, rounded up (see the class comment). */
    public static final double LIPSCHITZ = computeLipschitz();

    private Tensor x;

    static double derivative(double t) {
        double s = Sigmoid.sigmoid(t);
        return s * (1 + t * (1 - s));
    }

    private static double computeLipschitz() {
        double lo = 2, hi = 3; // 2 + x(1 − 2σ(x)) is > 0 at 2 and < 0 at 3
        for (int i = 0; i < 200 && lo < hi && Math.nextUp(lo) < hi; i++) {
            double mid = 0.5 * (lo + hi);
            if (2 + mid * (1 - 2 * Sigmoid.sigmoid(mid)) > 0) lo = mid; else hi = mid;
        }
        return Math.nextUp(derivative(0.5 * (lo + hi)) + 1e-12);
    }

    @Override
    public Tensor forward(Tensor x) {
        this.x = x;
        double[] a = x.data(), y = new double[a.length];
        for (int i = 0; i < a.length; i++) y[i] = a[i] * Sigmoid.sigmoid(a[i]);
        return new Tensor(x.shape(), y);
    }

    @Override
    public Tensor backward(Tensor g) {
        if (x == null) throw new IllegalStateException("SiLU: backward without forward");
        Ops.requireSameShape("SiLU", x, g);
        double[] a = x.data(), gd = g.data(), dx = new double[a.length];
        for (int i = 0; i < a.length; i++) dx[i] = gd[i] * derivative(a[i]);
        return new Tensor(x.shape(), dx);
    }

    @Override public int[] outputShape(int... in) { return in.clone(); }

    @Override public double lipschitzConstant() { return LIPSCHITZ; }

    @Override public String toString() { return "SiLU"; }
}
