package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Gaussian;
import io.lipschitz4j.linalg.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Central finite-difference checks of backward passes. For a layer f, a random input x and a random
 * upstream gradient g, the scalar φ(θ, x) = ⟨g, f(x)⟩ has ∂φ/∂x = backward(g) and ∂φ/∂θ = the
 * accumulated parameter gradients; each coordinate is compared with (φ(+h) − φ(−h))/2h.
 * Error measure: max |analytic − numeric| / max(max |numeric|, 1e-8) over all coordinates.
 */
final class GradCheck {
    private GradCheck() {}

    static final double H = 1e-6;
    static final double TOL = 1e-6;

    static Tensor gaussian(long seed, int... shape) {
        Tensor t = Tensor.zeros(shape);
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < t.size(); i++) t.data()[i] = Gaussian.next(r);
        return t;
    }

    /** Pushes entries with |v| < gap to ±gap, keeping the kinks of piecewise-linear maps far from the probe. */
    static Tensor awayFromZero(Tensor t, double gap) {
        double[] d = t.data();
        for (int i = 0; i < d.length; i++) if (Math.abs(d[i]) < gap) d[i] = d[i] < 0 ? -gap : gap;
        return t;
    }

    static double dot(Tensor a, Tensor b) {
        double s = 0;
        for (int i = 0; i < a.size(); i++) s += a.data()[i] * b.data()[i];
        return s;
    }

    /** Checks input and parameter gradients of {@code layer} at x; returns the worst relative error. */
    static double check(Layer layer, Tensor x, long seed) {
        Tensor y = layer.forward(x);
        Tensor g = gaussian(seed, y.shape());
        layer.zeroGradInPlace();
        layer.forward(x);
        Tensor dx = layer.backward(g);
        assertThat(dx.shape()).isEqualTo(x.shape());
        Function<Void, Double> phi = v -> dot(g, layer.forward(x));
        double worst = compare("input", dx.data(), x.data(), phi);
        for (Parameter p : layer.parameters()) {
            double[] analytic = p.grad().data().clone();
            worst = Math.max(worst, compare(p.name(), analytic, p.value().data(), phi));
        }
        return worst;
    }

    /** Checks and asserts the error is below {@link #TOL}. */
    static void assertGradients(Layer layer, Tensor x, long seed) {
        double err = check(layer, x, seed);
        assertThat(err).as("finite-difference relative error of %s", layer).isLessThan(TOL);
    }

    private static double compare(String what, double[] analytic, double[] var, Function<Void, Double> phi) {
        double[] numeric = new double[var.length];
        for (int i = 0; i < var.length; i++) {
            double v = var[i];
            var[i] = v + H;
            double fp = phi.apply(null);
            var[i] = v - H;
            double fm = phi.apply(null);
            var[i] = v;
            numeric[i] = (fp - fm) / (2 * H);
        }
        double scale = 1e-8, err = 0;
        for (double n : numeric) scale = Math.max(scale, Math.abs(n));
        for (int i = 0; i < var.length; i++) err = Math.max(err, Math.abs(analytic[i] - numeric[i]));
        assertThat(err / scale).as("gradient of %s", what).isLessThan(TOL);
        return err / scale;
    }

    /** The named parameter gradients, copied. */
    static List<double[]> grads(Layer layer) {
        List<double[]> out = new ArrayList<>();
        for (Parameter p : layer.parameters()) out.add(p.grad().data().clone());
        return out;
    }
}
