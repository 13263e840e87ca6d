package io.lipschitz4j.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A binary dimension tree over the modes {0, …, d−1} (Grasedyck 2010, SIMAX 31(4), Def. 3.1) whose nodes
 * are contiguous intervals [lo, hi): the root is [0, d), leaves are single modes, and each interior
 * node splits into a left interval and the adjacent right one. Contiguity keeps every node's
 * matricization X^(t) a plain C-order reshape (rows: the modes of t, columns: the others); to use a
 * non-contiguous tree, permute the tensor's modes first. Nodes are numbered in pre-order (root 0),
 * so children always have larger numbers than their parent. Immutable.
 */
public final class DimensionTree {
    private final int d;
    private final int[] lo, hi, left, right, parent;

    private DimensionTree(int d, List<int[]> nodes) {
        this.d = d;
        int n = nodes.size();
        lo = new int[n]; hi = new int[n]; left = new int[n]; right = new int[n]; parent = new int[n];
        for (int t = 0; t < n; t++) {
            int[] v = nodes.get(t);
            lo[t] = v[0]; hi[t] = v[1]; left[t] = v[2]; right[t] = v[3]; parent[t] = v[4];
        }
    }

    /** Splits every interval of length m into ⌈m/2⌉ + ⌊m/2⌋ (the default; depth ⌈log₂ d⌉). */
    public static DimensionTree balanced(int d) { return build(d, false); }

    /** Splits every interval into its first mode and the rest ("caterpillar" / TT-like tree). */
    public static DimensionTree linear(int d) { return build(d, true); }

    private static DimensionTree build(int d, boolean linear) {
        if (d < 2) throw new IllegalArgumentException("a dimension tree needs at least 2 modes, got " + d);
        List<int[]> nodes = new ArrayList<>();
        add(nodes, 0, d, -1, linear);
        return new DimensionTree(d, nodes);
    }

    private static int add(List<int[]> nodes, int a, int b, int par, boolean linear) {
        int id = nodes.size();
        int[] v = {a, b, -1, -1, par};
        nodes.add(v);
        if (b - a > 1) {
            int mid = linear ? a + 1 : a + (b - a + 1) / 2;
            v[2] = add(nodes, a, mid, id, linear);
            v[3] = add(nodes, mid, b, id, linear);
        }
        return id;
    }

    public int modes() { return d; }
    public int nodeCount() { return lo.length; }
    public int root() { return 0; }
    public boolean isLeaf(int t) { return left[t] < 0; }
    public int left(int t) { return left[t]; }
    public int right(int t) { return right[t]; }
    public int parent(int t) { return parent[t]; }
    /** First mode of node t. */
    public int lo(int t) { return lo[t]; }
    /** One past the last mode of node t. */
    public int hi(int t) { return hi[t]; }

    /** The leaf holding mode μ. */
    public int leafOf(int mode) {
        for (int t = 0; t < lo.length; t++) if (isLeaf(t) && lo[t] == mode) return t;
        throw new IllegalArgumentException("no mode " + mode + " in a tree over " + d + " modes");
    }

    /** Depth of the tree (root depth 0). */
    public int depth() {
        int best = 0;
        for (int t = 0; t < lo.length; t++) {
            int k = 0;
            for (int s = t; parent[s] >= 0; s = parent[s]) k++;
            best = Math.max(best, k);
        }
        return best;
    }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder("DimensionTree[");
        for (int t = 0; t < lo.length; t++) {
            if (t > 0) sb.append(", ");
            sb.append(t).append(":[").append(lo[t]).append(',').append(hi[t]).append(')');
        }
        return sb.append(']').toString();
    }

    @Override public boolean equals(Object o) {
        return o instanceof DimensionTree t && d == t.d && Arrays.equals(lo, t.lo) && Arrays.equals(hi, t.hi)
                && Arrays.equals(left, t.left) && Arrays.equals(right, t.right);
    }

    @Override public int hashCode() { return Arrays.hashCode(lo) * 31 + Arrays.hashCode(hi); }
}
