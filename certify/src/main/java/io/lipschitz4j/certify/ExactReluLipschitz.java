package io.lipschitz4j.certify;

import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Lapack;
import io.lipschitz4j.nn.Dense;
import io.lipschitz4j.nn.Layer;
import io.lipschitz4j.nn.ReLU;
import io.lipschitz4j.nn.Sequential;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Exact ℓ₂ Lipschitz constant of a small ReLU network f = W_L∘ReLU∘…∘ReLU∘W₁ (Dense layers with
 * biases, L ≤ 3, at most 64 hidden units) on a box B: f is piecewise affine, on the region of an
 * activation pattern P its Jacobian is J_P = W_L D_{L−1}W_{L−1}…D₁W₁, and because B is convex,
 * Lip_B(f) = max ‖J_P‖₂ over the patterns whose region meets B with nonempty interior.
 *
 * <p>Regions are found by traversal: start from the patterns of seeded random points in B, and from a
 * region try every pattern that differs in one neuron (crossing one facet flips one neuron in general
 * position); a pattern is kept when its region has interior, decided by the LP
 * max s s.t. σᵢ(aᵢ·x + cᵢ) ≥ s‖aᵢ‖ for every neuron (aᵢ·x + cᵢ its pre-activation under P, σᵢ = ±1 its
 * sign in P), x ∈ B, s ≤ diam(B), with interior iff s* > 10⁻⁹·diam(B) (ojalgo). A neuron whose aᵢ is
 * zero under P is constant: active iff cᵢ > 0, never flipped. Degenerate arrangements (several neurons
 * switching on one hyperplane) may hide regions from the traversal; the random seeds cover those in
 * practice. "Exact" is up to LAPACK's σ_max (relative error ~10⁻¹⁵) and the LP tolerance.
 *
 * <p>Cost: (#regions)·(#neurons) small LPs of d + 1 variables; a test oracle, not for large networks.
 */
public final class ExactReluLipschitz {
    private ExactReluLipschitz() {}

    /** The exact constant on the box, the regions visited (with interior), LPs solved, and a point of the maximising region. */
    public record Result(double value, int regions, int lps, double[] argmax) {
        public Result { argmax = argmax.clone(); }
        @Override public double[] argmax() { return argmax.clone(); }
    }

    /** For a Sequential of Dense and ReLU layers alternating (Dense first and last), on a box of the input dimension. */
    public static Result of(Sequential net, InputBox box, long seed) {
        List<Dense> ws = new ArrayList<>();
        List<Layer> ls = net.layers();
        for (int i = 0; i < ls.size(); i++) {
            boolean wantDense = i % 2 == 0;
            if (wantDense ? !(ls.get(i) instanceof Dense) : !(ls.get(i) instanceof ReLU)) {
                throw new IllegalArgumentException("exact oracle: layer " + i + " is " + ls.get(i) + ", expected " + (wantDense ? "Dense" : "ReLU"));
            }
            if (wantDense) ws.add((Dense) ls.get(i));
        }
        if (ls.size() % 2 == 0) throw new IllegalArgumentException("exact oracle: the network must end with a Dense layer");
        if (ws.size() > 3) throw new IllegalArgumentException("exact oracle: at most 3 Dense layers, got " + ws.size());
        int hidden = 0;
        for (int l = 0; l + 1 < ws.size(); l++) hidden += ws.get(l).outFeatures();
        if (hidden > 64) throw new IllegalArgumentException("exact oracle: at most 64 hidden units, got " + hidden);
        return new Search(ws, box, hidden).run(seed);
    }

    private static final class Search {
        final List<Dense> ws;
        final int d, hidden;
        final double[] lo, hi;
        final double diam;
        int lps;

        Search(List<Dense> ws, InputBox box, int hidden) {
            this.ws = ws;
            this.d = ws.get(0).inFeatures();
            this.hidden = hidden;
            this.lo = box.lower(d);
            this.hi = box.upper(d);
            double s = 0;
            for (int j = 0; j < d; j++) s += (hi[j] - lo[j]) * (hi[j] - lo[j]);
            this.diam = Math.sqrt(s);
        }

        Result run(long seed) {
            Set<BitSet> seen = new HashSet<>();
            ArrayDeque<BitSet> queue = new ArrayDeque<>();
            SplittableRandom r = new SplittableRandom(seed);
            for (int t = 0; t < 64 + 16 * d; t++) {
                double[] x = new double[d];
                for (int j = 0; j < d; j++) x[j] = lo[j] + (hi[j] - lo[j]) * r.nextDouble();
                BitSet p = patternAt(x);
                if (seen.add(p)) queue.add(p);
            }
            double best = 0;
            double[] arg = lo.clone();
            int regions = 0;
            Set<BitSet> interior = new HashSet<>();
            List<BitSet> pending = new ArrayList<>(queue);
            queue.clear();
            for (BitSet p : pending) { // seeds from points: confirm interior (a point may sit on a boundary)
                Forms f = forms(p);
                if (interiorPoint(p, f) != null) { interior.add(p); queue.add(p); }
            }
            while (!queue.isEmpty()) {
                BitSet p = queue.poll();
                Forms f = forms(p);
                double[] x = interiorPoint(p, f);
                if (x == null) continue;
                regions++;
                double s = Lapack.singularValues(f.jacobian)[0];
                if (s > best) { best = s; arg = x; }
                for (int i = 0; i < hidden; i++) {
                    if (f.fixed[i]) continue;
                    BitSet q = (BitSet) p.clone();
                    q.flip(i);
                    if (!seen.add(q)) continue;
                    Forms fq = forms(q);
                    if (interiorPoint(q, fq) != null) queue.add(q);
                }
            }
            return new Result(best, regions, lps, arg);
        }

        /** Activation pattern at x (active iff pre-activation > 0). */
        BitSet patternAt(double[] x) {
            BitSet p = new BitSet(hidden);
            double[] v = x;
            int off = 0;
            for (int l = 0; l + 1 < ws.size(); l++) {
                double[] z = affine(ws.get(l), v);
                for (int i = 0; i < z.length; i++) {
                    if (z[i] > 0) p.set(off + i); else z[i] = 0;
                }
                off += z.length;
                v = z;
            }
            return p;
        }

        static double[] affine(Dense w, double[] x) {
            int m = w.outFeatures(), n = w.inFeatures();
            double[] a = w.weight().data(), y = new double[m];
            for (int i = 0; i < m; i++) {
                double s = w.bias() == null ? 0 : w.bias().data()[i];
                for (int j = 0; j < n; j++) s += a[i * n + j] * x[j];
                y[i] = s;
            }
            return y;
        }

        /** Pre-activation forms aᵢ·x + cᵢ of all hidden neurons under pattern p, and the Jacobian J_p. */
        record Forms(double[][] a, double[] c, boolean[] fixed, DenseMatrix jacobian) {}

        Forms forms(BitSet p) {
            double[][] a = new double[hidden][];
            double[] c = new double[hidden];
            boolean[] fixed = new boolean[hidden];
            // current affine map x ↦ M x + v of the layer input
            double[][] m = new double[d][d];
            for (int j = 0; j < d; j++) m[j][j] = 1;
            double[] v = new double[d];
            int off = 0;
            for (int l = 0; l < ws.size(); l++) {
                Dense w = ws.get(l);
                int out = w.outFeatures(), in = w.inFeatures();
                double[] wd = w.weight().data();
                double[][] m2 = new double[out][d];
                double[] v2 = new double[out];
                for (int i = 0; i < out; i++) {
                    double s = w.bias() == null ? 0 : w.bias().data()[i];
                    for (int k = 0; k < in; k++) {
                        double wk = wd[i * in + k];
                        if (wk == 0) continue;
                        s += wk * v[k];
                        for (int j = 0; j < d; j++) m2[i][j] += wk * m[k][j];
                    }
                    v2[i] = s;
                }
                if (l + 1 == ws.size()) {
                    double[] jd = new double[out * d];
                    for (int i = 0; i < out; i++) System.arraycopy(m2[i], 0, jd, i * d, d);
                    return new Forms(a, c, fixed, new DenseMatrix(out, d, jd));
                }
                for (int i = 0; i < out; i++) {
                    a[off + i] = m2[i];
                    c[off + i] = v2[i];
                    boolean zero = true;
                    for (double x : m2[i]) if (x != 0) { zero = false; break; }
                    fixed[off + i] = zero;
                    if (!p.get(off + i)) { m2[i] = new double[d]; v2[i] = 0; }
                }
                off += out;
                m = m2;
                v = v2;
            }
            throw new IllegalStateException("unreachable");
        }

        /** A point of the region's interior (the LP maximiser), or null when it has none in the box. */
        double[] interiorPoint(BitSet p, Forms f) {
            for (int i = 0; i < hidden; i++) if (f.fixed[i] && p.get(i) != (f.c[i] > 0)) return null;
            lps++;
            ExpressionsBasedModel model = new ExpressionsBasedModel();
            Variable[] x = new Variable[d];
            for (int j = 0; j < d; j++) x[j] = model.addVariable("x" + j).lower(lo[j]).upper(hi[j]);
            Variable s = model.addVariable("s").lower(-diam).upper(diam).weight(1);
            for (int i = 0; i < hidden; i++) {
                if (f.fixed[i]) continue;
                double sign = p.get(i) ? 1 : -1, norm = 0;
                for (double q : f.a[i]) norm += q * q;
                norm = Math.sqrt(norm);
                Expression e = model.addExpression("n" + i).lower(-sign * f.c[i]);
                for (int j = 0; j < d; j++) e.set(x[j], sign * f.a[i][j]);
                e.set(s, -norm);
            }
            Optimisation.Result r = model.maximise();
            if (!r.getState().isFeasible() || !(r.getValue() > 1e-9 * diam)) return null;
            double[] pt = new double[d];
            for (int j = 0; j < d; j++) pt[j] = r.doubleValue(j);
            return pt;
        }
    }
}
