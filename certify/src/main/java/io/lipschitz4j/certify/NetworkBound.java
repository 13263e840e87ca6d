package io.lipschitz4j.certify;

import io.lipschitz4j.spectral.BoundKind;

import java.util.List;

/**
 * A certified ℓ₂ Lipschitz upper bound of a whole network, with the per-node results it was built from.
 *
 * @param value       certified UPPER bound on Lip(f) (‖f(x) − f(y)‖₂ ≤ value·‖x − y‖₂), or +∞ when a
 *                    node has no global constant (see {@link #notes})
 * @param kind        always {@link BoundKind#UPPER}
 * @param inputShape  sample shape of the input the bound was computed for (no batch axis)
 * @param outputShape sample shape of the output
 * @param nodes       per-node results in topological order (of the merged network)
 * @param merges      one line per linear-chain merge performed before bounding
 * @param notes       remarks: unbounded nodes by name, loose nodes
 * @param seconds     total wall time
 */
public record NetworkBound(double value, BoundKind kind, int[] inputShape, int[] outputShape, List<NodeBound> nodes,
                           List<String> merges, List<String> notes, double seconds) {

    public NetworkBound {
        if (Double.isNaN(value)) throw new IllegalArgumentException("NaN network bound");
        inputShape = inputShape.clone();
        outputShape = outputShape.clone();
        nodes = List.copyOf(nodes);
        merges = List.copyOf(merges);
        notes = List.copyOf(notes);
    }

    @Override public int[] inputShape() { return inputShape.clone(); }
    @Override public int[] outputShape() { return outputShape.clone(); }

    /** True when the bound is a finite number. */
    public boolean finite() { return value < Double.POSITIVE_INFINITY; }

    /** The node of that name; an error naming the node when absent. */
    public NodeBound node(String name) {
        for (NodeBound n : nodes) if (n.name().equals(name)) return n;
        throw new IllegalArgumentException("no node named '" + name + "' in the certified network");
    }
}
