package io.lipschitz4j.certify;

import io.lipschitz4j.linalg.Rounding;
import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.nn.Activation;
import io.lipschitz4j.nn.Add;
import io.lipschitz4j.nn.AvgPool2d;
import io.lipschitz4j.nn.Concat;
import io.lipschitz4j.nn.Conv2d;
import io.lipschitz4j.nn.ConvTranspose2d;
import io.lipschitz4j.nn.Dense;
import io.lipschitz4j.nn.ElementwiseAffine;
import io.lipschitz4j.nn.Flatten;
import io.lipschitz4j.nn.GlobalAvgPool2d;
import io.lipschitz4j.nn.GroupSort;
import io.lipschitz4j.nn.HardSigmoid;
import io.lipschitz4j.nn.HardSwish;
import io.lipschitz4j.nn.Identity;
import io.lipschitz4j.nn.Layer;
import io.lipschitz4j.nn.MaxMin;
import io.lipschitz4j.nn.MaxPool2d;
import io.lipschitz4j.nn.Multiply;
import io.lipschitz4j.nn.Precision;
import io.lipschitz4j.nn.Reshape;
import io.lipschitz4j.nn.SiLU;
import io.lipschitz4j.nn.Softmax;
import io.lipschitz4j.nn.Subtract;
import io.lipschitz4j.nn.Transpose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Interval bound propagation (Gowal et al. 2018, "On the effectiveness of interval bound propagation",
 * §3): an enclosure [lᵥ, uᵥ] of every node value over all inputs in a box, made sound in floating point.
 * <ul>
 *   <li>Affine nodes (Dense, Conv2d, ConvTranspose2d, ElementwiseAffine, AvgPool2d, GlobalAvgPool2d): centre
 *       c and radius r of the input box, c' = Wc + b, r' = |W|r, widened by 2γ_{n+2}·(|W|(|c| + r) + |b|)
 *       + n·η for fan-in n — the a-priori bound |fl(Wc + b) − (Wc + b)| ≤ γ_{n+1}(|W||c| + |b|) of any
 *       summation order (Higham §3.1) plus the rounding of |W|r; rigorous.</li>
 *   <li>Elementwise activations f that decrease up to a point m and increase after it (all of ReLU,
 *       LeakyReLU, PReLU, Tanh, Sigmoid, HardSigmoid, Clip, HardSwish (m = −3/2), SiLU (m ≈ −1.27846),
 *       Identity; monotone maps with m = ±∞): the range on [l, u] is [min(f(l), f(u), f(clamp(m))),
 *       max(f(l), f(u))], widened by 10⁻¹⁴ relative + 10⁻³⁰⁰: java.lang.Math guarantees exp within 1 ulp
 *       and tanh within 2.5 ulps, and the formulas add at most three relatively accurate roundings
 *       (sigmoid 1/(1 + e^{−x}) or e^x/(1 + e^x), x·σ(x), x·clip(x + 3, 0, 6)/6 whose x + 3 is exact where
 *       it cancels), so ≤ 10 ulps ≈ 2.2·10⁻¹⁵ relative; plus 10⁻¹⁴·(|α|·|x| + |β|) for HardSigmoid,
 *       whose αx + β cancels ({@link #absoluteErrorScale}).</li>
 *   <li>Maps nondecreasing in every input (MaxPool2d, MaxMin, GroupSort): [f(l), f(u)], exact.
 *       Reshapes and permutations (Flatten, Reshape, Transpose, Concat): applied to both ends, exact.</li>
 *   <li>Softmax: pᵢ ∈ [e^{lᵢ}/(e^{lᵢ} + Σ_{j≠i}e^{uⱼ}), e^{uᵢ}/(e^{uᵢ} + Σ_{j≠i}e^{lⱼ})] ∩ [0, 1],
 *       widened by 10⁻¹² relative.</li>
 *   <li>Add / Subtract: endpoint sums with outward rounding; Multiply: min and max of the four
 *       endpoint products, one ulp outward.</li>
 * </ul>
 * Cost: about three forward passes of one sample per affine node, two per other node.
 */
public final class IntervalPropagation {
    private IntervalPropagation() {}

    /** An enclosure lower ≤ v ≤ upper of one flattened node value (C order, no batch axis). */
    public record Interval(double[] lower, double[] upper) {
        public Interval {
            lower = lower.clone();
            upper = upper.clone();
        }
        @Override public double[] lower() { return lower.clone(); }
        @Override public double[] upper() { return upper.clone(); }

        /** max |v| over the enclosure. */
        public double maxAbs() {
            double m = 0;
            for (int i = 0; i < lower.length; i++) m = Math.max(m, Math.max(Math.abs(lower[i]), Math.abs(upper[i])));
            return m;
        }
    }

    /** Enclosures of the network input and of every node (by the node names of {@link GraphBound}). */
    public record Result(Map<String, Interval> values) {
        public Result { values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values)); }

        public Interval of(String name) {
            Interval v = values.get(name);
            if (v == null) throw new IllegalArgumentException("no node named '" + name + "'");
            return v;
        }
    }

    /** Enclosures of every node value of {@code model} (unmerged) over the box. */
    public static Result propagate(Layer model, int[] inputShape, InputBox box) {
        Precision old = Precision.set(Precision.FLOAT64);
        try {
            FlatNet net = FlatNet.of(model, inputShape);
            int d = (int) Tensor.sizeOf(inputShape);
            Interval[] iv = propagate(net, box.lower(d), box.upper(d));
            Map<String, Interval> out = new LinkedHashMap<>();
            for (int v = 0; v < iv.length; v++) out.put(net.name(v), iv[v]);
            return new Result(out);
        } finally {
            Precision.set(old);
        }
    }

    /** One enclosure per value of the flat network (index 0: the input); FLOAT64 must be set. */
    static Interval[] propagate(FlatNet net, double[] lo, double[] hi) {
        Interval[] v = new Interval[net.nodes.size() + 1];
        v[0] = new Interval(lo, hi);
        for (int i = 0; i < net.nodes.size(); i++) {
            FlatNet.Node n = net.nodes.get(i);
            try {
                v[i + 1] = n.layer() != null ? layer(n.layer(), net.shape(n.inputs()[0]), v[n.inputs()[0]], n.name())
                        : merge(n, net, v);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("node " + n.name() + ": interval propagation failed: " + e.getMessage(), e);
            }
        }
        return v;
    }

    private static Interval layer(Layer l, int[] inShape, Interval x, String name) {
        if (l instanceof Dense d) {
            return affine(x, inShape, d, new Dense(abs(d.weight()), null), d.inFeatures() + 1);
        }
        if (l instanceof Conv2d c) {
            var s = c.spec();
            Conv2d a = new Conv2d(s.withBias(false), abs(c.weight()), null);
            return affine(x, inShape, c, a, s.inChannels() / s.groups() * s.kH() * s.kW() + 1);
        }
        if (l instanceof ConvTranspose2d c) {
            var s = c.spec();
            int[] op = c.outputPadding();
            ConvTranspose2d a = new ConvTranspose2d(s.withBias(false), op[0], op[1], abs(c.weight()), null);
            // each output sums at most C_in/g·⌈kH/sH⌉·⌈kW/sW⌉ ≤ C_in·kH·kW products
            return affine(x, inShape, c, a, s.inChannels() * s.kH() * s.kW() + 1);
        }
        if (l instanceof ElementwiseAffine e) {
            return affine(x, inShape, e, new ElementwiseAffine(abs(e.scale()), new Tensor(new int[] {1}, new double[] {0})), 2);
        }
        if (l instanceof AvgPool2d p) {
            int[] w = p.window();
            return affine(x, inShape, p, p, w[0] * w[1] + 1);
        }
        if (l instanceof GlobalAvgPool2d p) {
            return affine(x, inShape, p, p, inShape[1] * inShape[2] + 1);
        }
        if (l instanceof MaxPool2d || l instanceof MaxMin || l instanceof GroupSort || l instanceof Flatten
                || l instanceof Reshape || l instanceof Transpose || l instanceof Identity) {
            return new Interval(apply(l, inShape, x.lower), apply(l, inShape, x.upper));
        }
        if (l instanceof Softmax) return softmax(x, inShape[inShape.length - 1]);
        if (l instanceof Activation) {
            double m = l instanceof SiLU ? SILU_ARGMIN : l instanceof HardSwish ? -1.5 : 0.0;
            double[] lo = x.lower, hi = x.upper, mid = new double[lo.length];
            for (int i = 0; i < mid.length; i++) mid[i] = Math.min(Math.max(m, lo[i]), hi[i]);
            double[] fl = apply(l, inShape, lo), fh = apply(l, inShape, hi), fm = apply(l, inShape, mid);
            double[] a = new double[lo.length], b = new double[lo.length];
            for (int i = 0; i < a.length; i++) {
                double abs = absoluteErrorScale(l, Math.max(Math.abs(lo[i]), Math.abs(hi[i])));
                a[i] = Math.nextDown(widenDown(Math.min(Math.min(fl[i], fh[i]), fm[i]), 1e-14) - abs * 1e-14);
                b[i] = Math.nextUp(widenUp(Math.max(fl[i], fh[i]), 1e-14) + abs * 1e-14);
            }
            return new Interval(a, b);
        }
        throw new IllegalArgumentException("node " + name + ": no interval rule for " + l + " (" + l.getClass().getSimpleName() + ")");
    }

    /**
     * Scale of the absolute rounding error of an activation's evaluation at |x| ≤ {@code ax} that a
     * relative widening of the result does not cover: HardSigmoid's αx + β cancels near its lower kink
     * (error ≈ u(|αx| + |β|) on a result near 0). The other activations are evaluated by relatively
     * accurate formulas (HardSwish's x + 3 is exact where it cancels, by Sterbenz's lemma).
     */
    static double absoluteErrorScale(Layer l, double ax) {
        return l instanceof HardSigmoid h ? Math.abs(h.alpha()) * ax + Math.abs(h.beta()) : 0;
    }

    /** SiLU's minimiser −x₀, x₀ ≈ 1.27846: root of σ(x)(1 + x(1 − σ(x))) on [−2, −1], by bisection. */
    static final double SILU_ARGMIN = siluArgmin();

    private static double siluArgmin() {
        double lo = -2, hi = -1; // derivative < 0 at −2, > 0 at −1
        for (int i = 0; i < 200 && Math.nextUp(lo) < hi; i++) {
            double mid = 0.5 * (lo + hi);
            if (ActivationConstants.siluDerivative(mid) < 0) lo = mid; else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    private static Interval merge(FlatNet.Node n, FlatNet net, Interval[] v) {
        int[] ins = n.inputs();
        Object m = n.merge();
        if (m instanceof Add) {
            double[] lo = v[ins[0]].lower.clone(), hi = v[ins[0]].upper.clone();
            for (int j = 1; j < ins.length; j++) {
                for (int i = 0; i < lo.length; i++) {
                    lo[i] = Rounding.addDown(lo[i], v[ins[j]].lower[i]);
                    hi[i] = Rounding.addUp(hi[i], v[ins[j]].upper[i]);
                }
            }
            return new Interval(lo, hi);
        }
        if (m instanceof Subtract) {
            Interval a = v[ins[0]], b = v[ins[1]];
            double[] lo = new double[a.lower.length], hi = new double[lo.length];
            for (int i = 0; i < lo.length; i++) {
                lo[i] = Rounding.subDown(a.lower[i], b.upper[i]);
                hi[i] = Rounding.subUp(a.upper[i], b.lower[i]);
            }
            return new Interval(lo, hi);
        }
        if (m instanceof Concat c) {
            List<Tensor> los = new ArrayList<>(), his = new ArrayList<>();
            for (int k : ins) {
                los.add(batchOfOne(net.shape(k), v[k].lower));
                his.add(batchOfOne(net.shape(k), v[k].upper));
            }
            return new Interval(new Concat(c.sampleAxis()).forward(los).data(), new Concat(c.sampleAxis()).forward(his).data());
        }
        if (m instanceof Multiply) {
            int[] sa = net.shape(ins[0]), sb = net.shape(ins[1]);
            Interval a = v[ins[0]], b = v[ins[1]];
            double[][] p = {
                    product(sa, a.lower, sb, b.lower), product(sa, a.lower, sb, b.upper),
                    product(sa, a.upper, sb, b.lower), product(sa, a.upper, sb, b.upper)};
            double[] lo = new double[p[0].length], hi = new double[lo.length];
            for (int i = 0; i < lo.length; i++) {
                double mn = p[0][i], mx = p[0][i];
                for (int k = 1; k < 4; k++) { mn = Math.min(mn, p[k][i]); mx = Math.max(mx, p[k][i]); }
                lo[i] = Math.nextDown(mn);
                hi[i] = Math.nextUp(mx);
            }
            return new Interval(lo, hi);
        }
        throw new IllegalArgumentException("node " + n.name() + ": no interval rule for " + m + " (" + m.getClass().getSimpleName() + ")");
    }

    private static double[] product(int[] sa, double[] a, int[] sb, double[] b) {
        return new Multiply().forward(List.of(batchOfOne(sa, a), batchOfOne(sb, b))).data();
    }

    /** Centre/radius propagation through an affine layer with its entrywise-absolute linear part (see the class comment). */
    private static Interval affine(Interval x, int[] inShape, Layer f, Layer absLinear, long fanIn) {
        double[] lo = x.lower, hi = x.upper;
        int d = lo.length;
        double[] c = new double[d], r = new double[d], s = new double[d];
        for (int i = 0; i < d; i++) {
            c[i] = lo[i] + 0.5 * (hi[i] - lo[i]);
            r[i] = Math.nextUp(Math.max(hi[i] - c[i], c[i] - lo[i]));
            s[i] = Rounding.addUp(Math.abs(c[i]), r[i]);
        }
        double[] fc = apply(f, inShape, c);
        double[] ar = apply(absLinear, inShape, r);
        double[] as = apply(absLinear, inShape, s);
        double[] f0 = f == absLinear ? new double[fc.length] : apply(f, inShape, new double[d]); // the bias b = f(0)
        double g = 2 * Rounding.gamma(fanIn + 2);
        double tiny = (fanIn + 2) * Double.MIN_VALUE * 4;
        double[] a = new double[fc.length], b = new double[fc.length];
        for (int i = 0; i < fc.length; i++) {
            double err = Rounding.addUp(Rounding.mulUp(g, Rounding.addUp(as[i], Math.abs(f0[i]))), tiny);
            double rad = Rounding.addUp(Rounding.mulUp(ar[i], 1 + g), err);
            a[i] = Rounding.subDown(fc[i], rad);
            b[i] = Rounding.addUp(fc[i], rad);
            if (!Double.isFinite(a[i]) || !Double.isFinite(b[i])) throw new ArithmeticException("overflow in " + f);
        }
        return new Interval(a, b);
    }

    private static Interval softmax(Interval x, int k) {
        double[] lo = x.lower, hi = x.upper;
        double[] a = new double[lo.length], b = new double[lo.length];
        for (int row = 0; row < lo.length / k; row++) {
            int o = row * k;
            double m = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) m = Math.max(m, hi[o + j]);
            for (int i = 0; i < k; i++) {
                // sums over j ≠ i taken directly (O(k²)): no cancellation, so relative error ≤ γ_{k+4}
                double restHi = 0, restLo = 0;
                for (int j = 0; j < k; j++) {
                    if (j == i) continue;
                    restHi += Math.exp(hi[o + j] - m);
                    restLo += Math.exp(lo[o + j] - m);
                }
                double el = Math.exp(lo[o + i] - m), eh = Math.exp(hi[o + i] - m);
                double pl = el / (el + restHi), ph = eh / (eh + restLo);
                a[o + i] = Double.isNaN(pl) ? 0 : Math.max(0, widenDown(pl, 1e-12));
                b[o + i] = Double.isNaN(ph) ? 1 : Math.min(1, widenUp(ph, 1e-12));
            }
        }
        return new Interval(a, b);
    }

    private static double widenDown(double v, double rel) { return Math.nextDown(v - Math.abs(v) * rel - 1e-300); }
    private static double widenUp(double v, double rel) { return Math.nextUp(v + Math.abs(v) * rel + 1e-300); }

    static double[] apply(Layer l, int[] shape, double[] x) { return l.forward(batchOfOne(shape, x)).data(); }

    static Tensor batchOfOne(int[] shape, double[] x) {
        int[] b = new int[shape.length + 1];
        b[0] = 1;
        System.arraycopy(shape, 0, b, 1, shape.length);
        return new Tensor(b, x.clone());
    }

    private static Tensor abs(Tensor t) {
        double[] a = t.data().clone();
        for (int i = 0; i < a.length; i++) a[i] = Math.abs(a[i]);
        return new Tensor(t.shape(), a);
    }
}
