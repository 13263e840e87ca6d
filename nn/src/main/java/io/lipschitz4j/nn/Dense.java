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
 * flops for forward and twice that for backward, all in BLAS dgemm (sgemm under
 * {@link Precision#FLOAT32}, operands converted in reused buffers; the layer is not thread-safe).
 */
public final class Dense implements Layer {
    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias; // null without bias
    private Tensor x;
    // float32 work buffers (Precision.FLOAT32), reused across calls; xF holds the last forward's input
    private float[] xF, wF, yF, dwF, dxF;
    private boolean xIsFloat;

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
        this.x = x;
        int n = x.dim(0);
        Tensor y = Tensor.zeros(n, out);
        if (Precision.current() == Precision.FLOAT32) {
            xF = Ops.toFloat(x.data(), 0, n * in, Ops.floats(xF, n * in));
            wF = Ops.toFloat(weight.value().data(), 0, out * in, Ops.floats(wF, out * in));
            yF = Ops.floats(yF, n * out);
            Blas.sgemm(false, true, n, out, in, 1f, xF, 0, in, wF, 0, in, 0f, yF, 0, out);
            double[] yd = y.data();
            for (int i = 0; i < n * out; i++) yd[i] = yF[i];
            xIsFloat = true;
        } else {
            Ops.matmulNT(n, out, in, x.data(), weight.value().data(), y.data());
            xIsFloat = false;
        }
        if (bias != null) Ops.addRowVector(y.data(), n, out, bias.value().data());
        return y;
    }

    @Override
    public Tensor backward(Tensor g) {
        Ops.requireShape("Dense backward", g, out);
        int n = g.dim(0);
        if (x == null || x.dim(0) != n) throw new IllegalStateException("Dense: backward without a matching forward");
        if (bias != null) Ops.addColumnSums(g.data(), n, out, bias.grad().data());
        Tensor dx = Tensor.zeros(n, in);
        if (xIsFloat && Precision.current() == Precision.FLOAT32) {
            float[] gF = Ops.toFloat(g.data(), 0, n * out, Ops.floats(yF, n * out));
            yF = gF;
            dwF = Ops.floats(dwF, out * in);
            Blas.sgemm(true, false, out, in, n, 1f, gF, 0, out, xF, 0, in, 0f, dwF, 0, in);
            double[] dw = weight.grad().data();
            for (int i = 0; i < out * in; i++) dw[i] += dwF[i];
            dxF = Ops.floats(dxF, n * in);
            wF = Ops.toFloat(weight.value().data(), 0, out * in, Ops.floats(wF, out * in));
            Blas.sgemm(false, false, n, in, out, 1f, gF, 0, out, wF, 0, in, 0f, dxF, 0, in);
            double[] d = dx.data();
            for (int i = 0; i < n * in; i++) d[i] = dxF[i];
        } else {
            Ops.addMatmulTN(out, in, n, g.data(), x.data(), weight.grad().data());
            Ops.matmulNN(n, in, out, g.data(), weight.value().data(), dx.data());
        }
        return dx;
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
