package io.lipschitz4j.nn.optim;

import io.lipschitz4j.nn.Parameter;

/**
 * Adam (Kingma and Ba, ICLR 2015, Algorithm 1) and AdamW (Loshchilov and Hutter, ICLR 2019), as
 * PyTorch's {@code torch.optim.Adam} / {@code AdamW} compute them. At step t of a parameter θ with
 * gradient gₜ:
 * <pre>
 *   Adam:  g ← gₜ + λ·θ           AdamW: θ ← θ − η·λ·θ, g ← gₜ
 *   m ← β₁·m + (1 − β₁)·g
 *   v ← β₂·v + (1 − β₂)·g²
 *   m̂ = m/(1 − β₁ᵗ),  v̂ = v/(1 − β₂ᵗ)
 *   θ ← θ − η·m̂/(√v̂ + ε)
 * </pre>
 * t counts the steps of each parameter separately (as PyTorch does). Cost O(size); state m, v, t.
 */
public final class Adam implements Optimizer {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final boolean decoupled;
    private final ParameterState<Moments> moments = new ParameterState<>();

    public Adam(double beta1, double beta2, double eps, double weightDecay, boolean decoupled) {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps >= 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("invalid Adam settings: betas (" + beta1 + ", " + beta2 + "), eps " + eps + ", weight decay " + weightDecay);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
    }

    /** PyTorch's defaults: β = (0.9, 0.999), ε = 1e-8, no weight decay. */
    public Adam() { this(0.9, 0.999, 1e-8, 0, false); }

    /** AdamW with PyTorch's defaults except the given decoupled weight decay. */
    public static Adam adamW(double weightDecay) { return new Adam(0.9, 0.999, 1e-8, weightDecay, true); }

    @Override
    public void stepInPlace(Parameter p, double lr) {
        double[] th = p.value().data(), gr = p.grad().data();
        Moments s = moments.get(p, Moments::new);
        s.t++;
        double c1 = 1 - Math.pow(beta1, s.t), c2 = 1 - Math.pow(beta2, s.t);
        double[] m = s.m, v = s.v;
        for (int i = 0; i < th.length; i++) {
            double g = gr[i];
            if (decoupled) th[i] -= lr * weightDecay * th[i];
            else g += weightDecay * th[i];
            m[i] = beta1 * m[i] + (1 - beta1) * g;
            v[i] = beta2 * v[i] + (1 - beta2) * g * g;
            th[i] -= lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + eps);
        }
    }

    /** {@code NAME.exp_avg} (m), {@code NAME.exp_avg_sq} (v) and {@code NAME.step} (t, as a double) per parameter. */
    @Override
    public java.util.Map<String, double[]> stateDict() {
        java.util.Map<String, double[]> out = new java.util.LinkedHashMap<>();
        moments.all().forEach((name, s) -> {
            out.put(name + ".exp_avg", s.m.clone());
            out.put(name + ".exp_avg_sq", s.v.clone());
            out.put(name + ".step", new double[] {s.t});
        });
        return out;
    }

    @Override
    public void loadStateDict(java.util.Map<String, double[]> state) {
        java.util.Map<String, Moments> restored = new java.util.HashMap<>();
        ParameterState.byParameter(state).forEach((name, f) -> {
            double[] m = ParameterState.require(f, name, "exp_avg", -1);
            Moments s = new Moments(m.length);
            System.arraycopy(m, 0, s.m, 0, m.length);
            System.arraycopy(ParameterState.require(f, name, "exp_avg_sq", m.length), 0, s.v, 0, m.length);
            s.t = (long) ParameterState.require(f, name, "step", 1)[0];
            restored.put(name, s);
        });
        moments.replaceAll(restored, s -> s.m.length);
    }

    private static final class Moments {
        final double[] m;
        final double[] v;
        long t;

        Moments(int n) {
            m = new double[n];
            v = new double[n];
        }
    }

    @Override
    public String toString() {
        return (decoupled ? "AdamW" : "Adam") + "(betas " + beta1 + ", " + beta2 + ", eps " + eps + ", weight decay " + weightDecay + ")";
    }
}
