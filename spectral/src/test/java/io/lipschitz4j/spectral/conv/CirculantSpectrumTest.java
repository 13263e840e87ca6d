package io.lipschitz4j.spectral.conv;

import static org.assertj.core.api.Assertions.assertThat;

import io.lipschitz4j.linalg.Lapack;
import io.lipschitz4j.linalg.Tensor;
import org.junit.jupiter.api.Test;

class CirculantSpectrumTest {
    @Test
    void singleChannelMatchesDenseSvd() {
        for (int[] c : new int[][] {{3, 8}, {4, 7}, {1, 1}, {5, 5}, {2, 10}}) {
            Tensor k = ReferenceConv.randomKernel(c[0] + c[1], 1, 1, 1, c[0]);
            double[] ref = Lapack.singularValues(ReferenceConv.matrix(Convolution.circular(k, c[1])));
            double[] got = CirculantSpectrum.singleChannel(k.data(), c[1]);
            assertThat(got).hasSize(ref.length);
            for (int i = 0; i < ref.length; i++) assertThat(Math.abs(got[i] - ref[i])).isLessThanOrEqualTo(1e-10 * ref[0]);
        }
    }

    @Test
    void multiChannelMatchesDenseSvd() {
        Tensor k = ReferenceConv.randomKernel(3, 1, 3, 2, 3);
        double[] ref = Lapack.singularValues(ReferenceConv.matrix(Convolution.circular(k, 9)));
        double[] got = CirculantSpectrum.multiChannel(k, 9).values();
        for (int i = 0; i < ref.length; i++) assertThat(Math.abs(got[i] - ref[i])).isLessThanOrEqualTo(1e-10 * ref[0]);
    }
}
