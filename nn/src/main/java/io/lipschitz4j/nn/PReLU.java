package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Tensor;

import java.util.Arrays;
import java.util.List;

/**
 * y = x for x > 0, a·x otherwise, with a learned slope a (He et al., "Delving deep into rectifiers",
 * ICCV 2015, eq. 1; PyTorch's {@code nn.PReLU}, ONNX {@code PRelu}). The slope is a scalar [1], per
 * channel [C] (channel = sample axis 0, as PyTorch: [C] against [C, H, W] means [C, 1, 1]), or any shape
 * that broadcasts NumPy-style to the sample shape (e.g. [C, 1, 1] as ONNX exports it).
 *
 * <p>∂y/∂x = 1 or a; ∂L/∂a += Σ g·x over the entries with x ≤ 0. Lipschitz constant max(1, max |a|),
 * read from the current slope value.
 */
public final class PReLU implements Activation {
    private final Parameter slope;
    private int[] sampleShape, map;
    private Tensor x;

    public PReLU(Tensor slope) {
        if (slope == null || slope.size() == 0) throw new IllegalArgumentException("PReLU: slope must be a non-empty tensor");
        int k = slope.firstNonFinite();
        if (k >= 0) throw new IllegalArgumentException("PReLU: slope entry " + k + " is " + slope.data()[k] + ", must be finite");
        this.slope = Parameter.of("weight", slope);
    }

    public Tensor slope() { return slope.value(); }

    /** The slope's shape as it broadcasts against a sample shape (per-channel [C] becomes [C, 1, …, 1]). */
    private int[] effectiveShape(int[] sample) {
        int[] s = slope().shape();
        if (s.length == 1 && s[0] > 1 && sample.length > 1) {
            int[] e = new int[sample.length];
            Arrays.fill(e, 1);
            e[0] = s[0];
            return e;
        }
        return s;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() < 1) throw new IllegalArgumentException("PReLU needs a batch axis, got " + x);
        int[] sample = Arrays.copyOfRange(x.shape(), 1, x.rank());
        if (!Arrays.equals(sample, sampleShape)) {
            outputShape(sample);
            map = Broadcast.map(effectiveShape(sample), sample);
            sampleShape = sample;
        }
        this.x = x;
        int m = map.length;
        double[] a = x.data(), y = new double[a.length], s = slope().data();
        for (int i = 0; i < a.length; i++) y[i] = a[i] > 0 ? a[i] : s[map[i % m]] * a[i];
        return new Tensor(x.shape(), y);
    }

    @Override
    public Tensor backward(Tensor g) {
        if (x == null) throw new IllegalStateException("PReLU: backward without forward");
        Ops.requireSameShape("PReLU", x, g);
        int m = map.length;
        double[] a = x.data(), gd = g.data(), dx = new double[a.length], s = slope().data(), ds = slope.grad().data();
        for (int i = 0; i < a.length; i++) {
            if (a[i] > 0) {
                dx[i] = gd[i];
            } else {
                int k = map[i % m];
                dx[i] = s[k] * gd[i];
                ds[k] += gd[i] * a[i];
            }
        }
        return new Tensor(x.shape(), dx);
    }

    @Override
    public int[] outputShape(int... in) {
        if (!Broadcast.broadcastsTo(effectiveShape(in), in)) {
            throw new IllegalArgumentException("PReLU: slope " + Arrays.toString(slope().shape()) + " does not broadcast to the sample shape " + Arrays.toString(in));
        }
        return in.clone();
    }

    @Override public List<Parameter> parameters() { return List.of(slope); }

    /** max(1, max |a|), exact. */
    @Override
    public double lipschitzConstant() {
        double m = 1.0;
        for (double v : slope().data()) m = Math.max(m, Math.abs(v));
        return m;
    }

    @Override public String toString() { return "PReLU(slope " + Arrays.toString(slope().shape()) + ")"; }
}
