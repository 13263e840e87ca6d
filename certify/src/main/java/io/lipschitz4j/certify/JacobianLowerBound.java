package io.lipschitz4j.certify;

import io.lipschitz4j.linalg.DenseMatrix;
import io.lipschitz4j.linalg.Lapack;
import io.lipschitz4j.linalg.Rounding;
import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.nn.Layer;
import io.lipschitz4j.nn.Precision;
import io.lipschitz4j.spectral.BoundKind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Lower bound on the ℓ₂ Lipschitz constant on a box: Lip(f) ≥ ‖f(x) − f(y)‖/‖x − y‖ for any pair.
 *
 * <p>Search. (1) At seeded random points in the box (plus given data points) the full Jacobian J(x) is
 * formed by one batched backward pass (one row per output) and its σ_max and top right singular vector v
 * taken by LAPACK (dgesdd); sup‖J‖₂ = Lip for a.e.-differentiable f. (2) From the best points, y = x + t·v
 * with t halved until the difference quotient q(x, y) reaches σ_max(J(x)) (x and y in one linear piece of a
 * ReLU network), then (3) gradient ascent on q over both points:
 * ∇ₓq = (J(x)ᵀ(f(x) − f(y))/‖f(x) − f(y)‖ − q·(x − y)/‖x − y‖)/‖x − y‖ and symmetrically for y, with
 * step halving when q does not grow, projected onto the box.
 *
 * <p>Certification (kind LOWER): the best pair is re-evaluated by {@link IntervalPropagation} on the point
 * boxes {x} and {y}, which encloses f(x) and f(y) rigorously (affine maps with a-priori γₙ terms; exp/tanh
 * widened by 10⁻¹⁴ relative, generous for the JDK's libm, not proved); the distance between the
 * enclosures, rounded down, over ‖x − y‖ rounded up is the bound. The uncertified σ_max(J) is reported as
 * {@code jacobianNorm} (an ESTIMATE: LAPACK on a rounded Jacobian).
 *
 * <p>Cost: per sample one forward of a batch of m = #outputs copies and one backward, plus
 * O(m·d·min(m, d)) for the SVD; ascent 2 forwards + 2 backwards per step.
 */
public final class JacobianLowerBound {
    private JacobianLowerBound() {}

    /**
     * The result: a certified LOWER value with the pair (x, y) that attains it.
     *
     * @param value        ‖f(x) − f(y)‖/‖x − y‖ made safe against rounding (see the class comment)
     * @param kind         LOWER
     * @param jacobianNorm the largest σ_max(J) seen (ESTIMATE, not certified)
     * @param x            first point of the pair (flattened sample)
     * @param y            second point
     * @param margin       how the value was made safe
     * @param samples      Jacobians evaluated
     * @param seconds      wall time
     */
    public record Result(double value, BoundKind kind, double jacobianNorm, double[] x, double[] y, String margin, int samples, double seconds) {
        public Result { x = x.clone(); y = y.clone(); }
        @Override public double[] x() { return x.clone(); }
        @Override public double[] y() { return y.clone(); }

        /** upper / lower (≥ 1 for a sound pair; +∞ when the lower bound is 0). */
        public double ratioTo(double upper) { return value > 0 ? upper / value : Double.POSITIVE_INFINITY; }
    }

    /**
     * @param model       the network
     * @param inputShape  sample shape
     * @param box         where to search (points are clipped to it)
     * @param data        extra starting points [N, ...] or null
     * @param samples     random points in the box
     * @param ascentSteps gradient-ascent steps per refined start
     * @param seed        seed of the random points
     */
    public static Result of(Layer model, int[] inputShape, InputBox box, Tensor data, int samples, int ascentSteps, long seed) {
        long t0 = System.nanoTime();
        Precision old = Precision.set(Precision.FLOAT64);
        try {
            int d = (int) Tensor.sizeOf(inputShape);
            double[] lo = box.lower(d), hi = box.upper(d);
            SplittableRandom r = new SplittableRandom(seed);
            List<double[]> starts = new ArrayList<>();
            for (int s = 0; s < samples; s++) {
                double[] x = new double[d];
                for (int j = 0; j < d; j++) x[j] = lo[j] + (hi[j] - lo[j]) * r.nextDouble();
                starts.add(x);
            }
            if (data != null) {
                int n = data.dim(0);
                if (data.size() != n * d) throw new IllegalArgumentException("lower bound: data samples have " + data.size() / Math.max(1, n) + " values, the input has " + d);
                for (int i = 0; i < n; i++) {
                    double[] x = new double[d];
                    System.arraycopy(data.data(), i * d, x, 0, d);
                    clip(x, lo, hi);
                    starts.add(x);
                }
            }
            List<Scored> scored = new ArrayList<>();
            double bestSigma = 0;
            for (double[] x : starts) {
                Scored sc = score(model, inputShape, x);
                scored.add(sc);
                bestSigma = Math.max(bestSigma, sc.sigma());
            }
            scored.sort(Comparator.comparingDouble((Scored s) -> -s.sigma()));
            double width = 0;
            for (int j = 0; j < d; j++) width = Math.max(width, hi[j] - lo[j]);
            double bestQ = -1;
            double[] bx = starts.get(0), by = starts.get(0);
            int refine = Math.min(scored.size(), 8);
            for (int k = 0; k < refine; k++) {
                Scored s = climb(model, inputShape, scored.get(k).x(), width, lo, hi, r, 60);
                bestSigma = Math.max(bestSigma, s.sigma());
                double[][] pair = linePair(model, inputShape, s.x(), s.v(), s.sigma(), width, lo, hi);
                pair = ascend(model, inputShape, pair[0], pair[1], ascentSteps, lo, hi);
                double q = quotient(model, inputShape, pair[0], pair[1]);
                if (q > bestQ) { bestQ = q; bx = pair[0]; by = pair[1]; }
            }
            // rounding noise of the enclosures is absolute: a longer pair along the same line may certify more
            double certified = certify(model, inputShape, bx, by);
            double[] cx = bx, cy = by;
            for (int k = 1; k <= 12; k++) {
                double[] y2 = bx.clone();
                for (int j = 0; j < d; j++) y2[j] += Math.scalb(by[j] - bx[j], k);
                clip(y2, lo, hi);
                double c = certify(model, inputShape, bx, y2);
                if (c > certified) { certified = c; cx = bx; cy = y2; }
            }
            bx = cx;
            by = cy;
            return new Result(certified, BoundKind.LOWER, bestSigma, bx, by,
                    "interval enclosures of f(x), f(y) (rigorous affine error terms; exp/tanh widened 1e-14 relative)",
                    starts.size(), (System.nanoTime() - t0) * 1e-9);
        } finally {
            Precision.set(old);
        }
    }

    private record Scored(double[] x, double sigma, double[] v) {}

    private static Scored score(Layer f, int[] shape, double[] x) {
        Lapack.Svd svd = Lapack.svd(jacobian(f, shape, x));
        double s = svd.s().length == 0 ? 0 : svd.s()[0];
        if (!Double.isFinite(s)) throw new IllegalArgumentException("lower bound: the Jacobian is not finite at a sample point");
        double[] v = new double[x.length];
        for (int k = 0; k < x.length && svd.s().length > 0; k++) v[k] = svd.v().get(k, 0);
        return new Scored(x, s, v);
    }

    /**
     * Random local search on σ_max(J(x)) (piecewise constant for ReLU networks, so no gradient): try
     * x + δ·u for random unit u, keep improvements, halve δ after failures.
     */
    private static Scored climb(Layer f, int[] shape, double[] x0, double width, double[] lo, double[] hi, SplittableRandom r, int tries) {
        Scored best = score(f, shape, x0);
        double delta = 0.05 * width;
        int fails = 0;
        for (int t = 0; t < tries && delta > 1e-9 * width; t++) {
            double[] x = best.x().clone();
            double[] u = new double[x.length];
            double nu = 0;
            for (int j = 0; j < u.length; j++) { u[j] = io.lipschitz4j.linalg.Gaussian.next(r); nu += u[j] * u[j]; }
            nu = Math.sqrt(nu);
            for (int j = 0; j < x.length; j++) x[j] += delta * u[j] / nu;
            clip(x, lo, hi);
            Scored s = score(f, shape, x);
            if (s.sigma() > best.sigma()) { best = s; fails = 0; }
            else if (++fails >= 4) { delta *= 0.5; fails = 0; }
        }
        return best;
    }

    /** J(x) [m, d] from one batched backward: row i is ∇ₓfᵢ. */
    static DenseMatrix jacobian(Layer f, int[] shape, double[] x) {
        double[] y0 = f.forward(IntervalPropagation.batchOfOne(shape, x)).data();
        int m = y0.length, d = x.length;
        int[] bs = new int[shape.length + 1];
        bs[0] = m;
        System.arraycopy(shape, 0, bs, 1, shape.length);
        double[] rep = new double[m * d];
        for (int i = 0; i < m; i++) System.arraycopy(x, 0, rep, i * d, d);
        Tensor out = f.forward(new Tensor(bs, rep));
        int[] os = out.shape();
        double[] eye = new double[m * m];
        for (int i = 0; i < m; i++) eye[i * m + i] = 1;
        Tensor g = f.backward(new Tensor(os, eye));
        return new DenseMatrix(m, d, g.data().clone());
    }

    /** y = x + t·v (clipped), t halved from 10⁻²·width while the quotient is below σ(1 − 10⁻⁹). */
    private static double[][] linePair(Layer f, int[] shape, double[] x, double[] v, double sigma, double width, double[] lo, double[] hi) {
        double t = 1e-2 * Math.max(width, 1e-300);
        double[] best = null;
        double bestQ = -1;
        for (int k = 0; k < 30; k++, t *= 0.5) {
            double[] y = x.clone();
            for (int j = 0; j < y.length; j++) y[j] += t * v[j];
            clip(y, lo, hi);
            if (java.util.Arrays.equals(x, y)) { // v points out of the box at x: go the other way
                for (int j = 0; j < y.length; j++) y[j] = x[j] - t * v[j];
                clip(y, lo, hi);
                if (java.util.Arrays.equals(x, y)) continue;
            }
            double q = quotient(f, shape, x, y);
            if (q > bestQ) { bestQ = q; best = y; }
            if (q >= sigma * (1 - 1e-7)) break;
        }
        if (best == null) best = x.clone();
        return new double[][] {x.clone(), best};
    }

    private static double[][] ascend(Layer f, int[] shape, double[] x, double[] y, int steps, double[] lo, double[] hi) {
        double q = quotient(f, shape, x, y);
        if (!(q > 0)) return new double[][] {x, y};
        double eta = 0.1 * dist(x, y);
        for (int it = 0; it < steps && eta > 1e-14; it++) {
            double[][] g = gradient(f, shape, x, y);
            double gn = Math.sqrt(dot(g[0], g[0]) + dot(g[1], g[1]));
            if (!(gn > 0)) break;
            double[] x2 = x.clone(), y2 = y.clone();
            for (int j = 0; j < x.length; j++) { x2[j] += eta * g[0][j] / gn; y2[j] += eta * g[1][j] / gn; }
            clip(x2, lo, hi);
            clip(y2, lo, hi);
            double q2 = dist(x2, y2) > 0 ? quotient(f, shape, x2, y2) : -1;
            if (q2 > q) { x = x2; y = y2; q = q2; eta *= 1.5; } else eta *= 0.5;
        }
        return new double[][] {x, y};
    }

    /** ∇ of q(x, y) = ‖f(x) − f(y)‖/‖x − y‖ in x and y (two backward passes). */
    private static double[][] gradient(Layer f, int[] shape, double[] x, double[] y) {
        double[] fx = f.forward(IntervalPropagation.batchOfOne(shape, x)).data();
        double[] fy = IntervalPropagation.apply(f, shape, y);
        double[] diff = new double[fx.length];
        for (int i = 0; i < diff.length; i++) diff[i] = fx[i] - fy[i];
        double nf = Math.sqrt(dot(diff, diff)), nx = dist(x, y), q = nf / nx;
        double[] gx = backwardAt(f, shape, x, diff, nf), gy = backwardAt(f, shape, y, diff, -nf);
        for (int j = 0; j < x.length; j++) {
            double u = (x[j] - y[j]) / nx;
            gx[j] = (gx[j] - q * u) / nx;
            gy[j] = (gy[j] + q * u) / nx;
        }
        return new double[][] {gx, gy};
    }

    private static double[] backwardAt(Layer f, int[] shape, double[] x, double[] dir, double scale) {
        Tensor out = f.forward(IntervalPropagation.batchOfOne(shape, x));
        double[] g = new double[dir.length];
        for (int i = 0; i < g.length; i++) g[i] = dir[i] / scale;
        return f.backward(new Tensor(out.shape(), g)).data().clone();
    }

    static double quotient(Layer f, int[] shape, double[] x, double[] y) {
        double[] fx = IntervalPropagation.apply(f, shape, x), fy = IntervalPropagation.apply(f, shape, y);
        double s = 0;
        for (int i = 0; i < fx.length; i++) s += (fx[i] - fy[i]) * (fx[i] - fy[i]);
        double den = dist(x, y);
        return den > 0 ? Math.sqrt(s) / den : 0;
    }

    /** The certified quotient: gap between the enclosures of f(x) and f(y), rounded down, over ‖x − y‖ rounded up. */
    static double certify(Layer f, int[] shape, double[] x, double[] y) {
        IntervalPropagation.Interval ex = IntervalPropagation.propagate(f, shape, new InputBox(x, x)).of(outputName(f, shape));
        IntervalPropagation.Interval ey = IntervalPropagation.propagate(f, shape, new InputBox(y, y)).of(outputName(f, shape));
        double[] xl = ex.lower(), xh = ex.upper(), yl = ey.lower(), yh = ey.upper();
        double[] gap = new double[xl.length];
        for (int i = 0; i < gap.length; i++) {
            gap[i] = Math.max(0, Math.max(Rounding.subDown(xl[i], yh[i]), Rounding.subDown(yl[i], xh[i])));
        }
        double[] dx = new double[x.length];
        for (int j = 0; j < dx.length; j++) dx[j] = Math.nextUp(Math.abs(x[j] - y[j]));
        double den = Rounding.norm2Upper(dx, 0, dx.length), num = Rounding.norm2Lower(gap, 0, gap.length);
        return den > 0 && num > 0 ? Rounding.divDown(num, den) : 0;
    }

    private static String outputName(Layer f, int[] shape) {
        FlatNet net = FlatNet.of(f, shape);
        return net.name(net.output);
    }

    private static void clip(double[] x, double[] lo, double[] hi) {
        for (int j = 0; j < x.length; j++) x[j] = Math.min(hi[j], Math.max(lo[j], x[j]));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static double dist(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.sqrt(s);
    }
}
