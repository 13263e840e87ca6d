package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Tensor;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static io.lipschitz4j.nn.GradCheck.gaussian;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DenseTest {

    @Test
    void forwardIsXWtPlusB() {
        Tensor w = gaussian(1, 3, 4), b = gaussian(2, 3), x = gaussian(3, 5, 4);
        Tensor y = new Dense(w, b).forward(x);
        assertThat(y.shape()).containsExactly(5, 3);
        for (int n = 0; n < 5; n++) {
            for (int o = 0; o < 3; o++) {
                double s = b.get(o);
                for (int i = 0; i < 4; i++) s += x.get(n, i) * w.get(o, i);
                assertThat(y.get(n, o)).isCloseTo(s, within(1e-12));
            }
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        GradCheck.assertGradients(new Dense(7, 5, true, new SplittableRandom(4)), gaussian(5, 6, 7), 6);
        GradCheck.assertGradients(new Dense(3, 8, false, new SplittableRandom(7)), gaussian(8, 1, 3), 9);
    }

    @Test
    void backwardAccumulatesParameterGradients() {
        Dense d = new Dense(4, 3, true, new SplittableRandom(1));
        Tensor x = gaussian(2, 5, 4), g = gaussian(3, 5, 3);
        d.forward(x);
        d.backward(g);
        double[] once = d.parameters().get(0).grad().data().clone();
        d.forward(x);
        d.backward(g);
        double[] twice = d.parameters().get(0).grad().data();
        for (int i = 0; i < once.length; i++) assertThat(twice[i]).isCloseTo(2 * once[i], within(1e-12));
        d.zeroGradInPlace();
        assertThat(d.parameters().get(1).grad().data()).containsOnly(0.0);
    }

    @Test
    void parametersAreNamedLikePyTorch() {
        Sequential s = Sequential.of(new Dense(4, 3, true, new SplittableRandom(1)), new ReLU(), new Dense(3, 2, false, new SplittableRandom(2)));
        assertThat(s.parameters()).extracting(Parameter::name).containsExactly("0.weight", "0.bias", "2.weight");
        assertThat(s.outputShape(4)).containsExactly(2);
    }

    @Test
    void rejectsWrongInput() {
        Dense d = new Dense(4, 3, true, new SplittableRandom(1));
        assertThatThrownBy(() -> d.forward(Tensor.zeros(2, 5))).hasMessageContaining("input shape [2, 5], expected [N, 4]");
    }

    @Test
    void sameSeedSameWeights() {
        assertThat(new Dense(5, 4, true, new SplittableRandom(3)).weight().data())
                .containsExactly(new Dense(5, 4, true, new SplittableRandom(3)).weight().data());
        double bound = 1 / Math.sqrt(5);
        for (double v : new Dense(5, 4, true, new SplittableRandom(3)).weight().data()) assertThat(Math.abs(v)).isLessThanOrEqualTo(bound);
    }
}
