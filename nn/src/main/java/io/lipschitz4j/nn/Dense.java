package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Blas;
import io.lipschitz4j.linalg.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fully connected layer y = x·Wᵀ + b on a batch x [N, in], with W [out, in] and b [out] as in PyTorch's
 * {@code nn.Linear}.
 *
 * <p>Backward: ∂L/∂x = G·W, ∂L/∂W += Gᵀ·x, ∂L/∂b += Σₙ Gₙ, for G = ∂L/∂y [N, out]. Cost 2·N·in·out
 * flops for forward and twice that for backward (one dgemm less in {@link #backwardParameters}), all in
 * BLAS dgemm, or sgemm on float32 activations under {@link Precision#FLOAT32} (the float64 weights
 * rounded once per forward, the bias fused into the forward gemm). The layer is not thread-safe.
 */
public final class Dense implements FloatLayer {
    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias; // null without bias
    private Tensor x; // the last float64 forward's input (null after a float32 one)
    // float32 path: the last forward's input (null after a float64 one), the weights it used, and work
    // buffers reused across calls (the layer is not thread-safe)
    private FloatTensor xF, yF, dxF, xIn, gIn;
    private float[] wF, dwF;

    /** A layer with the given weight [out, in] and bias [out] (or {@code null}); tensors are shared. */
    public Dense(Tensor weight, Tensor bias) {
        if (weight.rank() != 2) throw new IllegalArgumentException("Dense weight must be [out, in], got " + weight);
        this.out = weight.dim(0);
        this.in = weight.dim(1);
        if (bias != null && (bias.rank() != 1 || bias.dim(0) != out)) {
            throw new IllegalArgumentException("Dense bias must be [" + out + "], got " + bias);
        }
        this.weight = Parameter.of("weight", weight);
        this.bias = bias == null ? null : Parameter.of("bias", bias);
    }

    /** PyTorch-default initialization, U(−1/√in, 1/√in), from a seeded generator. */
    public Dense(int in, int out, boolean withBias, SplittableRandom rng) {
        this(Init.uniformFanIn(Tensor.zeros(out, in), in, rng),
                withBias ? Init.uniformFanIn(Tensor.zeros(out), in, rng) : null);
    }

    public int inFeatures() { return in; }
    public int outFeatures() { return out; }
    public Tensor weight() { return weight.value(); }
    public Tensor bias() { return bias == null ? null : bias.value(); }

    @Override
    public Tensor forward(Tensor x) {
        Ops.requireShape("Dense", x, in);
        if (Precision.current() == Precision.FLOAT32) {
            xIn = FloatTensor.of(x, xIn);
            this.x = null;
            return forward32(xIn).toTensor();
        }
        this.x = x;
        xF = null;
        int n = x.dim(0);
        Tensor y = Tensor.zeros(n, out);
        Ops.matmulNT(n, out, in, x.data(), weight.value().data(), y.data());
        if (bias != null) Ops.addRowVector(y.data(), n, out, bias.value().data());
        return y;
    }

    @Override
    public Tensor backward(Tensor g) {
        return backward(g, true);
    }

    @Override
    public void backwardParameters(Tensor g) {
        backward(g, false);
    }

    private Tensor backward(Tensor g, boolean inputGradient) {
        Ops.requireShape("Dense backward", g, out);
        int n = g.dim(0);
        if (xF != null) { // the last forward ran in float32
            if (xF.dim(0) != n) throw new IllegalStateException("Dense: backward without a matching forward");
            gIn = FloatTensor.of(g, gIn);
            FloatTensor dx = backward32(gIn, inputGradient);
            return dx == null ? null : dx.toTensor();
        }
        if (x == null || x.dim(0) != n) throw new IllegalStateException("Dense: backward without a matching forward");
        if (bias != null) Ops.addColumnSums(g.data(), n, out, bias.grad().data());
        Ops.addMatmulTN(out, in, n, g.data(), x.data(), weight.grad().data());
        if (!inputGradient) return null;
        Tensor dx = Tensor.zeros(n, in);
        Ops.matmulNN(n, in, out, g.data(), weight.value().data(), dx.data());
        return dx;
    }

    /** Float32 forward: y = b (broadcast), then y += x·Wᵀ in one sgemm (β = 1 fuses the bias). */
    @Override
    public FloatTensor forward32(FloatTensor x) {
        if (x.rank() != 2 || x.dim(1) != in) throw new IllegalArgumentException("Dense: input " + x + ", expected [N, " + in + "]");
        int n = x.dim(0);
        xF = x;
        this.x = null;
        wF = Ops.toFloat(weight.value().data(), 0, out * in, Ops.floats(wF, out * in));
        yF = FloatTensor.buffer(yF, n, out);
        float[] y = yF.data;
        if (bias != null) {
            double[] b = bias.value().data();
            for (int j = 0; j < out; j++) y[j] = (float) b[j];
            for (int r = 1; r < n; r++) System.arraycopy(y, 0, y, r * out, out);
        }
        Blas.sgemm(false, true, n, out, in, 1f, x.data, 0, in, wF, 0, in, bias != null ? 1f : 0f, y, 0, out);
        return yF;
    }

    /**
     * Float32 backward with the weights of the forward: ∂L/∂b += column sums of G (accumulated in
     * double), ∂L/∂W += Gᵀ·x (sgemm, then added into the float64 gradient), ∂L/∂x = G·W (sgemm).
     */
    @Override
    public FloatTensor backward32(FloatTensor g, boolean inputGradient) {
        int n = g.dim(0);
        if (xF == null || xF.dim(0) != n || g.rank() != 2 || g.dim(1) != out) {
            throw new IllegalStateException("Dense: backward " + g + " without a matching float32 forward");
        }
        float[] gd = g.data;
        if (bias != null) {
            double[] db = bias.grad().data();
            for (int r = 0; r < n; r++) {
                int o = r * out;
                for (int j = 0; j < out; j++) db[j] += gd[o + j];
            }
        }
        dwF = Ops.floats(dwF, out * in);
        Blas.sgemm(true, false, out, in, n, 1f, gd, 0, out, xF.data, 0, in, 0f, dwF, 0, in);
        double[] dw = weight.grad().data();
        for (int i = 0; i < out * in; i++) dw[i] += dwF[i];
        if (!inputGradient) return null;
        dxF = FloatTensor.buffer(dxF, n, in);
        Blas.sgemm(false, false, n, in, out, 1f, gd, 0, out, wF, 0, in, 0f, dxF.data, 0, in);
        return dxF;
    }

    @Override
    public int[] outputShape(int... inputShape) {
        if (inputShape.length != 1 || inputShape[0] != in) {
            throw new IllegalArgumentException("Dense expects samples [" + in + "], got " + java.util.Arrays.toString(inputShape));
        }
        return new int[] {out};
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> ps = new ArrayList<>(2);
        ps.add(weight);
        if (bias != null) ps.add(bias);
        return ps;
    }

    @Override public String toString() { return "Dense(" + in + " -> " + out + (bias == null ? ", no bias)" : ")"); }
}
