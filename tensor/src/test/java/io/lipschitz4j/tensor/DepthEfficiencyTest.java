package io.lipschitz4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lipschitz4j.linalg.Tensor;
import org.junit.jupiter.api.Test;

class DepthEfficiencyTest {
    @Test void matricizationRanksReachRToTheNOverTwo() {
        int[][] cases = {{4, 2, 2, 4}, {8, 2, 2, 16}, {8, 3, 3, 81}};
        for (int[] c : cases) {
            DepthEfficiency.Report rep = DepthEfficiency.analyze(c[0], c[1], c[2], 42);
            assertThat(rep.bound()).isEqualTo(c[3]);
            assertThat(rep.matricizationRank()).as("(N,M,r) = (%d,%d,%d)", c[0], c[1], c[2]).isEqualTo(c[3]);
        }
    }

    @Test void shallowModelWithFewerTermsCannotFit() {
        Tensor a = DepthEfficiency.convolutionalArithmeticCircuit(4, 2, 2, 7).toDense();
        double bound = DepthEfficiency.cpErrorLowerBound(a, 3);
        assertThat(bound).isGreaterThan(1e-6 * Tensors.norm(a));
        Fit<CPTensor> cp = CpAls.decompose(a, 3, CpAls.Options.defaults().maxIterations(300).lineSearch(true));
        assertThat(cp.model().reconstructionError(a)).isGreaterThanOrEqualTo(bound * (1 - 1e-9));
        assertThat(DepthEfficiency.cpErrorLowerBound(a, 4)).isLessThan(1e-12 * Tensors.norm(a));
    }

    @Test void badInput() {
        assertThatThrownBy(() -> DepthEfficiency.convolutionalArithmeticCircuit(6, 2, 2, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("power of two");
    }
}
