package io.lipschitz4j.certify;

import io.lipschitz4j.spectral.BoundKind;

import java.util.Arrays;
import java.util.List;

/**
 * The certified result at one node of a network (after linear chains were merged).
 *
 * @param name        node name ('/'-joined path through nested Sequential/Graph; merged nodes join
 *                    their names with '+')
 * @param op          the operation, e.g. {@code Conv2d(64 -> 64, 3x3, stride 1, pad 1)}
 * @param inputs      names of the values the node reads ({@code input} is the network input)
 * @param outputShape sample shape of the node's value (no batch axis)
 * @param method      how the local constant was obtained, e.g. {@code sedghi-cholesky (circular
 *                    embedding)}, {@code gram-iteration}, {@code exact: sup|f'| = 1/4}
 * @param kind        UPPER for a certified local constant (EXACT values are also valid upper bounds)
 * @param local       the node's Lipschitz constant with respect to each input (ℓ₂ → ℓ₂), in input
 *                    order; +∞ where none exists (a product without an input box)
 * @param cumulative  certified bound on the Lipschitz constant of this node's value as a function of
 *                    the network input (the DAG combination, rounded up)
 * @param errorTerm   the floating-point / tolerance allowance included in {@code local} (0 when exact)
 * @param seconds     wall time spent on this node
 * @param loose       true when the local bound may exceed the true constant by more than the requested
 *                    tolerance (e.g. a product bounded on a box); see notes
 * @param notes       human-readable remarks (why loose, what was merged, why unbounded)
 */
public record NodeBound(String name, String op, List<String> inputs, int[] outputShape, String method, BoundKind kind,
                        double[] local, double cumulative, double errorTerm, double seconds, boolean loose,
                        List<String> notes) {

    public NodeBound {
        inputs = List.copyOf(inputs);
        outputShape = outputShape.clone();
        local = local.clone();
        notes = List.copyOf(notes);
        if (Double.isNaN(cumulative)) throw new IllegalArgumentException("node " + name + ": NaN bound");
        for (double v : local) if (Double.isNaN(v)) throw new IllegalArgumentException("node " + name + ": NaN local bound");
    }

    @Override public int[] outputShape() { return outputShape.clone(); }
    @Override public double[] local() { return local.clone(); }

    /** True when the node has no finite constant (a product of two varying values without a box). */
    public boolean unbounded() {
        for (double v : local) if (v == Double.POSITIVE_INFINITY) return true;
        return false;
    }

    @Override public String toString() {
        return String.format("%s %s local=%s cumulative=%.6g (%s, %s%s)", name, op, Arrays.toString(local), cumulative, kind,
                method, loose ? ", loose" : "");
    }
}
