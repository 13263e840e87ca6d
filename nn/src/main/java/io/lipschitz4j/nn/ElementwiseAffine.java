package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Tensor;

import java.util.Arrays;
import java.util.List;

/**
 * y = x ⊙ s + t with s ({@link #scale}) and t ({@link #shift}) broadcast NumPy-style against one
 * sample's shape (aligned at the right: [C, 1, 1] is per channel of [C, H, W], [C] per feature of [C],
 * [1] a scalar, or the full sample shape). The output has the input's shape: s and t must broadcast to
 * the sample shape without growing it. Represents inference-mode BatchNormalization
 * ({@link #batchNorm}) and Add/Sub/Mul/Div by constants.
 *
 * <p>Backward: ∂L/∂x = g ⊙ s, ∂L/∂s += Σ g ⊙ x and ∂L/∂t += Σ g, summed over the batch and the broadcast
 * axes. The Jacobian is diag(s) (broadcast), so the ℓ₂ Lipschitz constant is max |s|. Cost O(N·size).
 */
public final class ElementwiseAffine implements Layer {
    private final Parameter scale, shift;
    private int[] sampleShape, scaleMap, shiftMap;
    private Tensor x;

    /** Both tensors are shared, must be finite and broadcast against each other. */
    public ElementwiseAffine(Tensor scale, Tensor shift) {
        if (scale == null || shift == null) throw new IllegalArgumentException("ElementwiseAffine: scale and shift must not be null (use a [1] tensor of 1 or 0)");
        requireFinite("scale", scale);
        requireFinite("shift", shift);
        Broadcast.shape("ElementwiseAffine", scale.shape(), shift.shape());
        this.scale = Parameter.of("scale", scale);
        this.shift = Parameter.of("shift", shift);
    }

    /** y = x·c (scalar). */
    public static ElementwiseAffine scaling(double c) { return new ElementwiseAffine(scalar(c), scalar(0)); }

    /** y = x + c (scalar). */
    public static ElementwiseAffine offset(double c) { return new ElementwiseAffine(scalar(1), scalar(c)); }

    private static Tensor scalar(double v) { return new Tensor(new int[] {1}, new double[] {v}); }

    /**
     * Inference-mode batch normalization (Ioffe and Szegedy 2015, Alg. 2):
     * y = γ(x − μ)/√(σ² + ε) + β = x·s + t with s = γ/√(σ² + ε), t = β − μ·s, computed in double.
     * The four tensors share one shape, which is also the shape of s and t: pass [C, 1, 1] for
     * [C, H, W] samples and [C] for [C] samples (see {@link #batchNorm(Tensor, Tensor, Tensor, Tensor, double, int)}).
     */
    public static ElementwiseAffine batchNorm(Tensor gamma, Tensor beta, Tensor mean, Tensor var, double eps) {
        int[] sh = gamma.shape();
        for (Tensor t : List.of(beta, mean, var)) {
            if (!Arrays.equals(t.shape(), sh)) throw new IllegalArgumentException("batchNorm: gamma " + gamma + ", beta " + beta + ", mean " + mean + ", var " + var + " must share one shape");
        }
        if (!(eps >= 0)) throw new IllegalArgumentException("batchNorm: epsilon " + eps + " must be >= 0");
        double[] s = new double[gamma.size()], t = new double[gamma.size()];
        for (int c = 0; c < s.length; c++) {
            double v = var.data()[c] + eps;
            if (!(v > 0)) throw new IllegalArgumentException("batchNorm: variance + epsilon at channel " + c + " is " + v + ", must be > 0");
            s[c] = gamma.data()[c] / Math.sqrt(v);
            t[c] = beta.data()[c] - mean.data()[c] * s[c];
        }
        return new ElementwiseAffine(new Tensor(sh, s), new Tensor(sh, t));
    }

    /**
     * {@link #batchNorm(Tensor, Tensor, Tensor, Tensor, double)} over channel axis 0 of samples of rank
     * {@code sampleRank}: vectors [C] are reshaped to [C, 1, …, 1] (rank {@code sampleRank}).
     */
    public static ElementwiseAffine batchNorm(Tensor gamma, Tensor beta, Tensor mean, Tensor var, double eps, int sampleRank) {
        if (sampleRank < 1) throw new IllegalArgumentException("batchNorm: sample rank " + sampleRank + " must be >= 1");
        int[] sh = new int[sampleRank];
        Arrays.fill(sh, 1);
        sh[0] = gamma.size();
        return batchNorm(gamma.reshape(sh), beta.reshape(sh), mean.reshape(sh), var.reshape(sh), eps);
    }

    public Tensor scale() { return scale.value(); }
    public Tensor shift() { return shift.value(); }

    /**
     * The single affine map equal to {@code next ∘ this}: x·(s₁s₂) + (t₁s₂ + t₂), on the broadcast of the
     * four shapes (used to fold chains of constant Mul/Add/BatchNormalization into one layer).
     */
    public ElementwiseAffine andThen(ElementwiseAffine next) {
        int[] sh = Broadcast.shape("ElementwiseAffine.andThen", Broadcast.shape("ElementwiseAffine.andThen", scale().shape(), shift().shape()),
                Broadcast.shape("ElementwiseAffine.andThen", next.scale().shape(), next.shift().shape()));
        int[] s1 = Broadcast.map(scale().shape(), sh), t1 = Broadcast.map(shift().shape(), sh);
        int[] s2 = Broadcast.map(next.scale().shape(), sh), t2 = Broadcast.map(next.shift().shape(), sh);
        double[] s = new double[s1.length], t = new double[s1.length];
        for (int i = 0; i < s.length; i++) {
            double b = next.scale().data()[s2[i]];
            s[i] = scale().data()[s1[i]] * b;
            t[i] = shift().data()[t1[i]] * b + next.shift().data()[t2[i]];
        }
        return new ElementwiseAffine(new Tensor(sh, s), new Tensor(sh, t));
    }

    @Override
    public Tensor forward(Tensor x) {
        prepare(x);
        this.x = x;
        int m = scaleMap.length, n = x.dim(0);
        double[] a = x.data(), y = new double[a.length], s = scale().data(), t = shift().data();
        for (int b = 0; b < n; b++) {
            int o = b * m;
            for (int i = 0; i < m; i++) y[o + i] = a[o + i] * s[scaleMap[i]] + t[shiftMap[i]];
        }
        return new Tensor(x.shape(), y);
    }

    @Override
    public Tensor backward(Tensor g) {
        if (x == null) throw new IllegalStateException("ElementwiseAffine: backward without forward");
        Ops.requireSameShape("ElementwiseAffine", x, g);
        int m = scaleMap.length, n = x.dim(0);
        double[] a = x.data(), gd = g.data(), dx = new double[a.length], s = scale().data();
        double[] ds = scale.grad().data(), dt = shift.grad().data();
        for (int b = 0; b < n; b++) {
            int o = b * m;
            for (int i = 0; i < m; i++) {
                double gi = gd[o + i];
                dx[o + i] = gi * s[scaleMap[i]];
                ds[scaleMap[i]] += gi * a[o + i];
                dt[shiftMap[i]] += gi;
            }
        }
        return new Tensor(x.shape(), dx);
    }

    private void prepare(Tensor x) {
        if (x.rank() < 1) throw new IllegalArgumentException("ElementwiseAffine needs a batch axis, got " + x);
        int[] sample = Arrays.copyOfRange(x.shape(), 1, x.rank());
        if (!Arrays.equals(sample, sampleShape)) {
            outputShape(sample);
            scaleMap = Broadcast.map(scale().shape(), sample);
            shiftMap = Broadcast.map(shift().shape(), sample);
            sampleShape = sample;
        }
    }

    @Override
    public int[] outputShape(int... in) {
        if (!Broadcast.broadcastsTo(scale().shape(), in) || !Broadcast.broadcastsTo(shift().shape(), in)) {
            throw new IllegalArgumentException("ElementwiseAffine: scale " + Arrays.toString(scale().shape()) + " and shift "
                    + Arrays.toString(shift().shape()) + " must broadcast to the sample shape " + Arrays.toString(in));
        }
        return in.clone();
    }

    @Override public List<Parameter> parameters() { return List.of(scale, shift); }

    private static void requireFinite(String what, Tensor t) {
        int k = t.firstNonFinite();
        if (k >= 0) throw new IllegalArgumentException("ElementwiseAffine: " + what + " entry " + k + " is " + t.data()[k] + ", must be finite");
    }

    @Override public String toString() {
        return "ElementwiseAffine(scale " + Arrays.toString(scale().shape()) + ", shift " + Arrays.toString(shift().shape()) + ")";
    }
}
