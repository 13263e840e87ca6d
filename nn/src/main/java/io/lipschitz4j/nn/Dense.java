package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fully connected layer y = x·Wᵀ + b on a batch x [N, in], with W [out, in] and b [out] as in PyTorch's
 * {@code nn.Linear}.
 *
 * <p>Backward: ∂L/∂x = G·W, ∂L/∂W += Gᵀ·x, ∂L/∂b += Σₙ Gₙ, for G = ∂L/∂y [N, out]. Cost 2·N·in·out
 * flops for forward and twice that for backward, all in BLAS dgemm.
 */
public final class Dense implements Layer {
    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias; // null without bias
    private Tensor x;

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
        Ops.matmulNT(n, out, in, x.data(), weight.value().data(), y.data());
        if (bias != null) Ops.addRowVector(y.data(), n, out, bias.value().data());
        return y;
    }

    @Override
    public Tensor backward(Tensor g) {
        Ops.requireShape("Dense backward", g, out);
        int n = g.dim(0);
        if (x == null || x.dim(0) != n) throw new IllegalStateException("Dense: backward without a matching forward");
        Ops.addMatmulTN(out, in, n, g.data(), x.data(), weight.grad().data());
        if (bias != null) Ops.addColumnSums(g.data(), n, out, bias.grad().data());
        Tensor dx = Tensor.zeros(n, in);
        Ops.matmulNN(n, in, out, g.data(), weight.value().data(), dx.data());
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
