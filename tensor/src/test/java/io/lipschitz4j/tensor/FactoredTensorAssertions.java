package io.lipschitz4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lipschitz4j.linalg.Tensor;

/** The contract of {@link FactoredTensor}: norms, inner products and errors from the factors equal the dense ones. */
final class FactoredTensorAssertions {
    private FactoredTensorAssertions() {}

    /** {@code innerAB} is ⟨a, b⟩ computed by the type's own factor-only inner product. */
    static void agreesWithDense(FactoredTensor a, FactoredTensor b, double innerAB) {
        Tensor da = a.toDense(), db = b.toDense();
        double scale = Tensors.norm(da) * Tensors.norm(db);
        assertThat(a.norm()).isCloseTo(Tensors.norm(da), within(1e-10 * Tensors.norm(da)));
        assertThat(innerAB).isCloseTo(Tensors.inner(da, db), within(1e-10 * scale));
        assertThat(a.inner(db)).isCloseTo(Tensors.inner(da, db), within(1e-10 * scale));
        assertThat(a.reconstructionError(db)).isCloseTo(Tensors.distance(da, db), within(1e-9 * Tensors.norm(db)));
    }
}
