package io.lipschitz4j.nn.optim;

import io.lipschitz4j.nn.Parameter;

/**
 * Stochastic gradient descent with momentum, dampening, Nesterov momentum and L2 weight decay, exactly
 * PyTorch's {@code torch.optim.SGD} update (documentation, "Algorithm"): at step t, with gradient gₜ,
 * <pre>
 *   g ← gₜ + λ·θ                          (weight decay λ)
 *   b ← g                  at t = 1       (momentum μ ≠ 0)
 *   b ← μ·b + (1 − τ)·g    at t > 1       (dampening τ)
 *   g ← g + μ·b  if Nesterov, else g ← b
 *   θ ← θ − η·g
 * </pre>
 * Cost O(size) per parameter; state one buffer b per parameter when μ ≠ 0.
 */
public final class Sgd implements Optimizer {
    private final double momentum;
    private final double dampening;
    private final boolean nesterov;
    private final double weightDecay;
    private final ParameterState<Buffer> buffers = new ParameterState<>();

    public Sgd(double momentum, double dampening, boolean nesterov, double weightDecay) {
        if (!(momentum >= 0) || !(weightDecay >= 0) || !Double.isFinite(dampening)) {
            throw new IllegalArgumentException("invalid SGD settings: momentum " + momentum + ", dampening " + dampening + ", weight decay " + weightDecay);
        }
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("Nesterov momentum requires momentum > 0 and zero dampening");
        }
        this.momentum = momentum;
        this.dampening = dampening;
        this.nesterov = nesterov;
        this.weightDecay = weightDecay;
    }

    /** Plain SGD: θ ← θ − η·g. */
    public static Sgd plain() { return new Sgd(0, 0, false, 0); }

    /** Heavy-ball momentum μ, no dampening. */
    public static Sgd momentum(double mu) { return new Sgd(mu, 0, false, 0); }

    /** Nesterov momentum μ. */
    public static Sgd nesterov(double mu) { return new Sgd(mu, 0, true, 0); }

    public Sgd withWeightDecay(double wd) { return new Sgd(momentum, dampening, nesterov, wd); }

    @Override
    public void stepInPlace(Parameter p, double lr) {
        double[] th = p.value().data(), gr = p.grad().data();
        double wd = weightDecay, mu = momentum, damp = 1 - dampening;
        // one branch-free loop per case (same arithmetic in every case as the textbook update): with the
        // tests inside the loop the step did not vectorize and cost a tenth of an MLP epoch; one pass
        // for b and θ together (θ read before it is written, as in the two-pass form) moves 40 bytes
        // per weight instead of 56, which took a third off the step
        int n = th.length;
        if (momentum == 0) {
            for (int i = 0; i < n; i++) th[i] -= lr * (gr[i] + wd * th[i]);
            return;
        }
        Buffer st = buffers.get(p, Buffer::new);
        double[] b = st.b;
        if (st.steps == 0) {
            if (nesterov) {
                for (int i = 0; i < n; i++) {
                    double g = gr[i] + wd * th[i];
                    b[i] = g;
                    th[i] -= lr * (g + mu * g);
                }
            } else {
                for (int i = 0; i < n; i++) {
                    double g = gr[i] + wd * th[i];
                    b[i] = g;
                    th[i] -= lr * g;
                }
            }
        } else if (nesterov) {
            for (int i = 0; i < n; i++) {
                double g = gr[i] + wd * th[i];
                double m = mu * b[i] + damp * g;
                b[i] = m;
                th[i] -= lr * (g + mu * m);
            }
        } else {
            for (int i = 0; i < n; i++) {
                double m = mu * b[i] + damp * (gr[i] + wd * th[i]);
                b[i] = m;
                th[i] -= lr * m;
            }
        }
        st.steps++;
    }

    /** {@code NAME.momentum_buffer} and {@code NAME.step} (a count, as a double) per parameter with momentum. */
    @Override
    public java.util.Map<String, double[]> stateDict() {
        java.util.Map<String, double[]> out = new java.util.LinkedHashMap<>();
        buffers.all().forEach((name, b) -> {
            out.put(name + ".momentum_buffer", b.b.clone());
            out.put(name + ".step", new double[] {b.steps});
        });
        return out;
    }

    @Override
    public void loadStateDict(java.util.Map<String, double[]> state) {
        java.util.Map<String, Buffer> restored = new java.util.HashMap<>();
        ParameterState.byParameter(state).forEach((name, f) -> {
            double[] b = ParameterState.require(f, name, "momentum_buffer", -1);
            Buffer buf = new Buffer(b.length);
            System.arraycopy(b, 0, buf.b, 0, b.length);
            buf.steps = (long) ParameterState.require(f, name, "step", 1)[0];
            restored.put(name, buf);
        });
        buffers.replaceAll(restored, s -> s.b.length);
    }

    /** Momentum buffer b and the number of steps taken with it. */
    private static final class Buffer {
        final double[] b;
        long steps;

        Buffer(int n) { b = new double[n]; }
    }

    @Override
    public String toString() {
        return "SGD(momentum " + momentum + ", dampening " + dampening + (nesterov ? ", Nesterov" : "") + ", weight decay " + weightDecay + ")";
    }
}
