package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Tensor;

/**
 * y = max(0, min(1, αx + β)) elementwise (ONNX {@code HardSigmoid}; defaults α = 0.2, β = 0.5; PyTorch's
 * {@code nn.Hardsigmoid} is α = 1/6, β = 1/2). ∂y/∂x = α where 0 < αx + β < 1, else 0. Lipschitz
 * constant |α|.
 */
public final class HardSigmoid implements Activation {
    private final double alpha, beta;
    private Tensor x;

    /** ONNX's defaults α = 0.2, β = 0.5. */
    public HardSigmoid() { this(0.2, 0.5); }

    public HardSigmoid(double alpha, double beta) {
        if (!Double.isFinite(alpha) || !Double.isFinite(beta)) throw new IllegalArgumentException("HardSigmoid: alpha " + alpha + ", beta " + beta + " must be finite");
        this.alpha = alpha;
        this.beta = beta;
    }

    /** PyTorch's {@code nn.Hardsigmoid}: α = 1/6, β = 1/2. */
    public static HardSigmoid pytorch() { return new HardSigmoid(1.0 / 6, 0.5); }

    public double alpha() { return alpha; }
    public double beta() { return beta; }

    @Override
    public Tensor forward(Tensor x) {
        this.x = x;
        double[] a = x.data(), y = new double[a.length];
        for (int i = 0; i < a.length; i++) y[i] = Math.max(0.0, Math.min(1.0, alpha * a[i] + beta));
        return new Tensor(x.shape(), y);
    }

    @Override
    public Tensor backward(Tensor g) {
        if (x == null) throw new IllegalStateException("HardSigmoid: backward without forward");
        Ops.requireSameShape("HardSigmoid", x, g);
        double[] a = x.data(), gd = g.data(), dx = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double z = alpha * a[i] + beta;
            dx[i] = z > 0 && z < 1 ? alpha * gd[i] : 0.0;
        }
        return new Tensor(x.shape(), dx);
    }

    @Override public int[] outputShape(int... in) { return in.clone(); }

    /** |α|, exact. */
    @Override public double lipschitzConstant() { return Math.abs(alpha); }

    @Override public String toString() { return "HardSigmoid(alpha " + alpha + ", beta " + beta + ")"; }
}
