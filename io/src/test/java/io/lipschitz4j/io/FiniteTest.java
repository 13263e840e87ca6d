package io.lipschitz4j.io;

import io.lipschitz4j.linalg.Tensor;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static io.lipschitz4j.io.Fixtures.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FiniteTest {

    @Test
    void firstNonFiniteEntryIsNamedByFlatAndMultiIndex() {
        Path p = path("bad_nan_2x3.npy");
        ArrayFormatException e = catchThrowableOfType(ArrayFormatException.class, () -> NpyReader.readFinite(p));
        assertThat(e.getMessage()).isEqualTo(p + ": data: NaN at flat index 4, index [1, 1] (expected finite values only)");
        assertThat(e.field()).isEqualTo("data");
    }

    @Test
    void infinitiesAreNamedWithTheirSign() {
        Tensor t = new Tensor(new int[] {2, 2}, new double[] {0, 1, Double.NEGATIVE_INFINITY, 2});
        ArrayFormatException e = catchThrowableOfType(ArrayFormatException.class, () -> Finite.requireFinite(t, "w.npz[a.npy]"));
        assertThat(e.getMessage()).isEqualTo("w.npz[a.npy]: data: -Inf at flat index 2, index [1, 0] (expected finite values only)");
    }

    @Test
    void finiteTensorsPassThroughUnchanged() throws Exception {
        Tensor t = NpyReader.readFinite(path("f8_kernel_2x3x3x3.npy"));
        assertThat(Finite.requireFinite(t, "x")).isSameAs(t);
        Tensor scalar = new Tensor(new int[] {}, new double[] {1});
        assertThat(Finite.requireFinite(scalar, "s")).isSameAs(scalar);
    }

    @Test
    void multiIndexIsCOrder() {
        assertThat(Finite.multiIndex(0, new int[] {})).isEmpty();
        assertThat(Finite.multiIndex(23, new int[] {2, 3, 4})).containsExactly(1, 2, 3);
        assertThat(Finite.multiIndex(13, new int[] {2, 3, 4})).containsExactly(1, 0, 1);
    }
}
