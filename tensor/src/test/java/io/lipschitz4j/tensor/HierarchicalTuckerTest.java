package io.lipschitz4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lipschitz4j.linalg.Tensor;
import org.junit.jupiter.api.Test;

class HierarchicalTuckerTest {
    static final HierarchicalTucker.Variant[] BOTH = HierarchicalTucker.Variant.values();

    @Test void balancedTreeShape() {
        DimensionTree t = DimensionTree.balanced(5);
        assertThat(t.nodeCount()).isEqualTo(9);
        assertThat(t.depth()).isEqualTo(3);
        assertThat(t.lo(t.left(0))).isEqualTo(0);
        assertThat(t.hi(t.left(0))).isEqualTo(3);
        assertThat(DimensionTree.linear(5).depth()).isEqualTo(4);
        assertThatThrownBy(() -> DimensionTree.balanced(1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test void exactAtFullRanks() {
        Tensor x = Tensors.gaussian(1, 3, 2, 4, 3, 2);
        for (DimensionTree tree : new DimensionTree[] {DimensionTree.balanced(5), DimensionTree.linear(5)})
            for (HierarchicalTucker.Variant v : BOTH) {
                Fit<HTTensor> f = HierarchicalTucker.decompose(x, tree, v, 0, Integer.MAX_VALUE, null);
                assertThat(Tensors.relativeError(f.model().toDense(), x)).as("%s %s", tree, v).isLessThan(1e-13);
            }
    }

    @Test void recoversPlantedHt() {
        DimensionTree tree = DimensionTree.balanced(4);
        Tensor x = HTTensor.random(2, tree, 2, 5, 4, 6, 5).toDense();
        for (HierarchicalTucker.Variant v : BOTH) {
            Fit<HTTensor> f = HierarchicalTucker.decompose(x, tree, v, 1e-12, Integer.MAX_VALUE, null);
            assertThat(f.relativeError()).as("%s", v).isLessThan(1e-8);
            for (int t = 1; t < tree.nodeCount(); t++) assertThat(f.model().rank(t)).isLessThanOrEqualTo(2);
            Fit<HTTensor> capped = HierarchicalTucker.decompose(x, tree, v, 0, 2, null);
            assertThat(capped.relativeError()).isLessThan(1e-8);
        }
    }

    @Test void toleranceGuaranteeAndNoiseLevel() {
        DimensionTree tree = DimensionTree.balanced(4);
        Tensor clean = HTTensor.random(3, tree, 2, 5, 5, 5, 5).toDense();
        double level = 1e-3;
        Tensor x = CpAlsTest.addNoise(clean, level, 6);
        int[] ranks = {1, 2, 2, 2, 2, 2, 2};
        for (HierarchicalTucker.Variant v : BOTH) {
            Fit<HTTensor> f = HierarchicalTucker.decompose(x, tree, v, 0, Integer.MAX_VALUE, ranks);
            assertThat(f.relativeError()).isLessThan(level);
            for (double eps : new double[] {0.3, 0.05}) {
                Fit<HTTensor> g = HierarchicalTucker.decompose(x, tree, v, eps, Integer.MAX_VALUE, null);
                assertThat(Tensors.relativeError(g.model().toDense(), x)).isLessThanOrEqualTo(eps);
            }
        }
    }

    @Test void normAndInnerWithoutDensifying() {
        DimensionTree tree = DimensionTree.balanced(5);
        HTTensor a = HTTensor.random(4, tree, 2, 3, 4, 2, 3, 3), b = HTTensor.random(5, tree, 3, 3, 4, 2, 3, 3);
        FactoredTensorAssertions.agreesWithDense(a, b, a.inner(b));
    }

    @Test void badInput() {
        Tensor x = Tensors.gaussian(1, 2, 3, 4, 2);
        DimensionTree tree = DimensionTree.balanced(4); // nodes: 0 root, 1 [0,2), 2 {0}, 3 {1}, 4 [2,4), 5 {2}, 6 {3}
        assertThatThrownBy(() -> HierarchicalTucker.decompose(x, tree, HierarchicalTucker.Variant.LEAVES_TO_ROOT, 0, 9, new int[] {1, 2, 3, 2, 2, 2, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("node 2").hasMessageContaining("out of range [1, 2]");
        assertThatThrownBy(() -> HierarchicalTucker.decompose(x, DimensionTree.balanced(3), HierarchicalTucker.Variant.LEAVES_TO_ROOT, 0, 9, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tree over 3 modes");
        double[] d = x.data().clone();
        d[3] = Double.NaN;
        assertThatThrownBy(() -> HierarchicalTucker.decompose(new Tensor(x.shape(), d), 0.1, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-finite");
        HTTensor h = HTTensor.random(1, tree, 2, 2, 3, 4, 2);
        io.lipschitz4j.linalg.DenseMatrix[] leaves = new io.lipschitz4j.linalg.DenseMatrix[7];
        Tensor[] tr = new Tensor[7];
        for (int t = 0; t < 7; t++) {
            if (tree.isLeaf(t)) leaves[t] = h.leafBasis(t); else tr[t] = h.transfer(t);
        }
        leaves[3] = io.lipschitz4j.linalg.DenseMatrix.zeros(3, 1);
        assertThatThrownBy(() -> new HTTensor(tree, leaves, tr)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("children have ranks");
    }
}
