package io.lipschitz4j.nn.optim;

import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.nn.Parameter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Steps on a one-entry parameter θ₀ = 1 with gradients 0.5, −0.2, 0.3, compared with values worked out
 * from PyTorch's documented SGD and Adam algorithms (by hand for step 1, with a few lines of Python for
 * later steps; the arithmetic is in the comments).
 */
class OptimizerTest {
    static final double TOL = 1e-15;

    /** Runs {@code opt} on θ = 1 with the given gradient sequence; returns θ after each step. */
    static double[] run(Optimizer opt, double lr, double... grads) {
        Parameter p = Parameter.of("w", new Tensor(new int[] {1}, new double[] {1.0}));
        double[] out = new double[grads.length];
        for (int t = 0; t < grads.length; t++) {
            p.grad().data()[0] = grads[t];
            opt.stepInPlace(p, lr);
            out[t] = p.value().data()[0];
        }
        return out;
    }

    @Test
    void plainSgd() {
        assertThat(run(Sgd.plain(), 0.1, 0.5, -0.2)).containsExactly(new double[] {0.95, 0.97}, within(TOL));
    }

    @Test
    void sgdMomentumWithWeightDecay() {
        // t=1: g = 0.5 + 0.01·1 = 0.51, b = 0.51, θ = 1 − 0.051 = 0.949
        // t=2: g = −0.2 + 0.01·0.949 = −0.19051, b = 0.9·0.51 − 0.19051 = 0.26849, θ = 0.949 − 0.026849 = 0.922151
        assertThat(run(Sgd.momentum(0.9).withWeightDecay(0.01), 0.1, 0.5, -0.2)).containsExactly(new double[] {0.949, 0.922151}, within(TOL));
    }

    @Test
    void sgdNesterov() {
        // t=1: g = 0.51, b = 0.51, g' = 0.51 + 0.9·0.51 = 0.969, θ = 0.9031
        // t=2: g = −0.2 + 0.009031 = −0.190969, b = 0.459 − 0.190969 = 0.268031,
        //      g' = −0.190969 + 0.9·0.268031 = 0.0502589, θ = 0.9031 − 0.00502589 = 0.89807411
        assertThat(run(Sgd.nesterov(0.9).withWeightDecay(0.01), 0.1, 0.5, -0.2)).containsExactly(new double[] {0.9031, 0.89807411}, within(TOL));
    }

    @Test
    void sgdDampening() {
        // t=1: b = g = 0.5 (no dampening on the first step), θ = 0.95; t=2: b = 0.45 + 0.5·(−0.2) = 0.35, θ = 0.915
        assertThat(run(new Sgd(0.9, 0.5, false, 0), 0.1, 0.5, -0.2)).containsExactly(new double[] {0.95, 0.915}, within(TOL));
    }

    @Test
    void adamWithL2WeightDecay() {
        // t=1: g = 0.5 + 0.1·1 = 0.6, m̂ = 0.6, v̂ = 0.36, θ = 1 − 0.1·0.6/(0.6 + 1e-8) = 0.9 + 1e-9/0.6
        double[] th = run(new Adam(0.9, 0.999, 1e-8, 0.1, false), 0.1, 0.5, -0.2, 0.3);
        assertThat(th[0]).isCloseTo(1 - 0.1 * 0.6 / (0.6 + 1e-8), within(TOL));
        assertThat(th).containsExactly(new double[] {0.9000000016666666, 0.8475190629593703, 0.7791121607663538}, within(1e-14));
    }

    @Test
    void adamWDecouplesWeightDecay() {
        // t=1: θ ← 1 − 0.1·0.1·1 = 0.99, then m̂ = 0.5, v̂ = 0.25: θ = 0.99 − 0.1·0.5/(0.5 + 1e-8) = 0.890000002
        double[] th = run(Adam.adamW(0.1), 0.1, 0.5, -0.2, 0.3);
        assertThat(th).containsExactly(new double[] {0.890000002, 0.8465394180965108, 0.7836299894801902}, within(1e-14));
    }

    @Test
    void adamFirstStepIsLrTimesSignOfGradient() {
        // m̂ = g, v̂ = g², so the first step is −η·g/(|g| + ε) ≈ −η·sign(g), whatever the scale of g
        for (double g : new double[] {1e-3, 7.0, -250.0}) {
            assertThat(run(new Adam(0.9, 0.999, 0, 0, false), 0.01, g)[0]).isCloseTo(1 - 0.01 * Math.signum(g), within(TOL));
        }
    }

    @Test
    void statePerParameterNameAndRouting() {
        Parameter a = Parameter.of("a", new Tensor(new int[] {2}, new double[] {1, 1}));
        Parameter b = Parameter.of("b", new Tensor(new int[] {1}, new double[] {1}));
        Sgd mom = Sgd.momentum(0.5);
        Sgd plain = Sgd.plain();
        List<String> routed = new ArrayList<>();
        Optimizer opt = Optimizer.perParameter(p -> {
            routed.add(p.name());
            return p.name().equals("a") ? mom : plain;
        });
        a.grad().data()[0] = 1;
        b.grad().data()[0] = 1;
        opt.stepInPlace(List.of(a, b), 1.0);
        opt.stepInPlace(List.of(a, b), 1.0);
        assertThat(routed).containsExactly("a", "b", "a", "b");
        assertThat(a.value().data()).containsExactly(1 - 1 - 1.5, 1); // momentum: steps 1 then 1.5
        assertThat(b.value().data()).containsExactly(-1);             // plain: steps 1 then 1
        Parameter wrongSize = Parameter.of("a", Tensor.zeros(3));
        assertThatThrownBy(() -> mom.stepInPlace(wrongSize, 1)).hasMessageContaining("had 2 entries, now 3");
    }

    @Test
    void invalidSettings() {
        assertThatThrownBy(() -> new Sgd(0, 0, true, 0)).hasMessageContaining("Nesterov");
        assertThatThrownBy(() -> new Adam(1.0, 0.999, 1e-8, 0, false)).hasMessageContaining("betas");
    }

    @Test
    void schedules() {
        LrSchedule step = LrSchedule.step(0.1, 3, 0.5);
        assertThat(new double[] {step.at(0), step.at(2), step.at(3), step.at(7)}).containsExactly(0.1, 0.1, 0.05, 0.025);
        LrSchedule cos = LrSchedule.cosine(1.0, 0.0, 10);
        assertThat(cos.at(0)).isEqualTo(1.0);
        assertThat(cos.at(5)).isCloseTo(0.5, within(1e-15));
        assertThat(cos.at(10)).isCloseTo(0.0, within(1e-15));
        assertThat(cos.at(12)).isEqualTo(0.0);
        assertThat(LrSchedule.cosine(0.1, 0.01, 4).at(2)).isCloseTo(0.055, within(1e-15));
        LrSchedule warm = LrSchedule.constant(0.2).withWarmup(4);
        assertThat(new double[] {warm.at(0), warm.at(3), warm.at(4), warm.at(100)}).containsExactly(new double[] {0.05, 0.2, 0.2, 0.2}, within(1e-15));
    }
}
