package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Tensor;

import java.util.List;

/**
 * A differentiable map of several batched inputs to one output (a node of a {@link Graph} with more
 * than one input, such as the residual {@link Add}). Same protocol as {@link Layer}: forward remembers,
 * backward returns one gradient per input, in input order.
 */
public interface Merge {

    Tensor forward(List<Tensor> inputs);

    /** ∂L/∂xᵢ for every input i, from ∂L/∂y of the last forward. */
    List<Tensor> backward(Tensor gradOutput);

    /** Output sample shape for the input sample shapes. */
    int[] outputShape(List<int[]> inputShapes);
}
