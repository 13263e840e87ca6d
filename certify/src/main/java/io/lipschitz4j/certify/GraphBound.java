package io.lipschitz4j.certify;

import io.lipschitz4j.linalg.Rounding;
import io.lipschitz4j.nn.Concat;
import io.lipschitz4j.nn.Multiply;
import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.nn.Layer;
import io.lipschitz4j.nn.Precision;
import io.lipschitz4j.spectral.BoundKind;

import java.util.ArrayList;
import java.util.List;

/**
 * Certified ℓ₂ Lipschitz upper bound of a network ({@link io.lipschitz4j.nn.Sequential},
 * {@link io.lipschitz4j.nn.Graph}, nested ones, or a single layer) over its DAG.
 *
 * <p>Method. The network is flattened to leaf operations, linear chains are merged
 * ({@link LinearChainMerger}: BatchNorm-like affine maps folded into the preceding Dense/Conv2d,
 * consecutive Dense maps multiplied), then every node v gets a certified constant Lᵥ,ⱼ with respect to
 * each input j, and the bound Bᵥ on Lip(x ↦ v(x)) of its value as a function of the network input x is
 * <ul>
 *   <li>one input (layers): Bᵥ = Lᵥ·B_in (Lip(f∘g) ≤ Lip(f)·Lip(g));</li>
 *   <li>sum/difference of branches: Bᵥ = Σⱼ Lᵥ,ⱼ·Bⱼ (triangle inequality; a residual block
 *       x + F(x) gets 1 + B_F);</li>
 *   <li>concatenation: Bᵥ = √(Σⱼ Bⱼ²) (‖(a(x) − a(y), b(x) − b(y))‖² sums the parts);</li>
 *   <li>product a·b of two varying values: Bᵥ = max|b|·B_a + max|a|·B_b with the maxima from interval
 *       propagation over the input box; without a box the node is unbounded and the bound is +∞, with
 *       a note naming it.</li>
 * </ul>
 * Every multiplication, addition and square root is rounded up, so the result is a certified UPPER
 * bound in floating point given certified per-node constants. Per-node rules: Dense — Gram iteration;
 * Conv2d — per-frequency Cholesky certificate on the real geometry within the relative tolerance of
 * {@link CertifyOptions#convTolerance()}; activations — exact constants ({@link ActivationConstants});
 * AvgPool2d — the norm of its separable averaging operator; Flatten, MaxMin, GroupSort — 1; Add — 1
 * per input. An operation without a rule is an error naming the node.
 *
 * <p>Cost: dominated by the convolution certificates (see {@code CertifiedConvNorm}); everything else
 * is O(#nodes) plus dense Gram iterations O(n³).
 */
public final class GraphBound {
    private GraphBound() {}

    /** Called after each node: nodes done, total, the node's name (for progress bars). */
    public interface Progress {
        void node(int done, int total, String name);
    }

    /** With {@link CertifyOptions#defaults()}. */
    public static NetworkBound of(Layer model, int... inputShape) {
        return of(model, inputShape, CertifyOptions.defaults(), null);
    }

    public static NetworkBound of(Layer model, int[] inputShape, CertifyOptions options) {
        return of(model, inputShape, options, null);
    }

    /**
     * The certified bound of {@code model} for samples of {@code inputShape} (no batch axis).
     *
     * @throws IllegalArgumentException naming the node, for an operation without a rule or shapes that
     *                                  do not fit
     */
    public static NetworkBound of(Layer model, int[] inputShape, CertifyOptions options, Progress progress) {
        long t0 = System.nanoTime();
        Precision old = Precision.set(Precision.FLOAT64);
        try {
            FlatNet net = FlatNet.of(model, inputShape);
            List<String> merges = new ArrayList<>();
            if (options.mergeLinear()) {
                LinearChainMerger.Result m = LinearChainMerger.merge(net, options.maxMergedEntries());
                net = m.net();
                merges.addAll(m.merges());
            }
            return combine(net, options, merges, progress, t0);
        } finally {
            Precision.set(old);
        }
    }

    private static NetworkBound combine(FlatNet net, CertifyOptions opt, List<String> merges, Progress progress, long t0) {
        int count = net.nodes.size();
        double[] cum = new double[count + 1];
        cum[0] = 1.0;
        List<NodeBound> out = new ArrayList<>(count);
        List<String> notes = new ArrayList<>();
        IntervalPropagation.Interval[] iv = null;
        boolean products = net.nodes.stream().anyMatch(n -> n.merge() instanceof Multiply);
        if (products && opt.box() != null) {
            int d = (int) Tensor.sizeOf(net.inputShape);
            iv = IntervalPropagation.propagate(net, opt.box().lower(d), opt.box().upper(d));
            notes.add("products bounded on the input box " + opt.box() + " by interval propagation: the bound holds on that box only");
        }
        Local[] locals = localBounds(net, opt, iv, progress);
        for (int i = 0; i < count; i++) {
            FlatNet.Node n = net.nodes.get(i);
            OpBounds.Local loc = locals[i].bound;
            double b = combineAt(n, loc.perInput(), cum);
            cum[i + 1] = b;
            List<String> in = new ArrayList<>();
            for (int k : n.inputs()) in.add(net.name(k));
            NodeBound nb = new NodeBound(n.name(), String.valueOf(n.op()), in, n.shape(), loc.method(), loc.kind(),
                    loc.perInput(), b, loc.errorTerm(), locals[i].seconds, loc.loose(), loc.notes());
            out.add(nb);
            if (nb.unbounded()) notes.add("node " + n.name() + " (" + n.op() + ") has no global Lipschitz constant: "
                    + String.join("; ", loc.notes()));
            else if (nb.loose()) notes.add("node " + n.name() + " is loose: " + String.join("; ", loc.notes()));
        }
        double value = cum[net.output];
        return new NetworkBound(value, BoundKind.UPPER, net.inputShape, net.outputShape(), out, merges, notes,
                (System.nanoTime() - t0) * 1e-9);
    }

    private record Local(OpBounds.Local bound, double seconds) {}

    /**
     * Every node's local bound (they are independent), on {@link CertifyOptions#threads} threads; progress
     * is reported as nodes finish. Exceptions (a node without a rule, shapes that do not fit) are rethrown
     * as they are.
     */
    private static Local[] localBounds(FlatNet net, CertifyOptions opt, IntervalPropagation.Interval[] iv, Progress progress) {
        int count = net.nodes.size();
        Local[] out = new Local[count];
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.IntConsumer one = i -> {
            FlatNet.Node n = net.nodes.get(i);
            long s0 = System.nanoTime();
            out[i] = new Local(OpBounds.of(net, n, opt, iv), (System.nanoTime() - s0) * 1e-9);
            int d = done.incrementAndGet();
            if (progress != null) {
                synchronized (progress) { progress.node(d, count, n.name()); }
            }
        };
        if (opt.threads() == 1) {
            for (int i = 0; i < count; i++) one.accept(i);
            return out;
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(opt.threads(), r -> {
            Thread t = new Thread(r, "certify-node");
            t.setDaemon(true);
            return t;
        });
        try {
            // widest nodes first, so that the slowest ones do not start last
            Integer[] order = new Integer[count];
            for (int i = 0; i < count; i++) order[i] = i;
            java.util.Arrays.sort(order, java.util.Comparator.comparingLong((Integer i) -> -work(net.nodes.get(i))));
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            for (int i : order) futures.add(pool.submit(() -> one.accept(i)));
            for (java.util.concurrent.Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) throw re;
                    if (e.getCause() instanceof Error er) throw er;
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while bounding nodes", e);
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A rough cost estimate for scheduling: the parameter count of the node's layer (0 for merges). */
    private static long work(FlatNet.Node n) {
        return n.layer() == null ? 0 : n.layer().parameters().stream().mapToLong(p -> p.value().size()).sum();
    }

    /** The DAG rule for node n (see the class comment), rounded up; +∞ propagates. */
    static double combineAt(FlatNet.Node n, double[] local, double[] cum) {
        int[] ins = n.inputs();
        if (n.layer() != null) return mulUp(local[0], cum[ins[0]]);
        if (isConcat(n.merge())) {
            double s = 0;
            for (int j = 0; j < ins.length; j++) {
                double t = mulUp(local[j], cum[ins[j]]);
                s = Rounding.addUp(s, mulUp(t, t));
            }
            return s == Double.POSITIVE_INFINITY ? s : Rounding.sqrtUp(s);
        }
        double s = mulUp(local[0], cum[ins[0]]);
        for (int j = 1; j < ins.length; j++) s = Rounding.addUp(s, mulUp(local[j], cum[ins[j]]));
        return s;
    }

    /**
     * a·b rounded up for a, b ≥ 0, with 0·∞ = 0: a zero-constant map after an unbounded value, or an
     * unbounded map of a constant value, is constant.
     */
    static double mulUp(double a, double b) {
        if (a == 0 || b == 0) return 0;
        if (a == 1) return b; // exact
        if (b == 1) return a;
        return Rounding.mulUp(a, b);
    }

    /** Concatenations combine by the ℓ₂ rule; every other merge by the sum rule. */
    private static boolean isConcat(Object merge) { return merge instanceof Concat; }
}
