package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Tensor;

import java.util.List;

/**
 * A differentiable map on batches: the first axis of every input and output is the batch axis.
 *
 * <p>Protocol (as in hand-written reverse mode): {@link #forward} computes y = f(x) and remembers what
 * the backward pass needs; {@link #backward} takes ∂L/∂y for that same forward and returns ∂L/∂x, and
 * <em>adds</em> ∂L/∂θ into every {@link Parameter#grad()} (so gradients of several batches or of a
 * layer used in several terms accumulate; call {@link #zeroGradInPlace()} before each step). A layer
 * instance holds one forward's state, so use each instance once per graph.
 *
 * <p>Precision: float64 at this interface. Under {@link Precision#FLOAT32}, layers that also implement
 * the package-private float32 path ({@code FloatLayer}: {@link Dense}, {@link Conv2d}, {@link ReLU},
 * {@link Flatten}) compute in float, and {@link Sequential} chains them on float buffers.
 */
public interface Layer {

    /** y = f(x) for a batch; remembers what {@link #backward} needs. */
    Tensor forward(Tensor x);

    /** ∂L/∂x from ∂L/∂y of the last {@link #forward}; adds ∂L/∂θ into the parameter gradients. */
    Tensor backward(Tensor gradOutput);

    /**
     * Like {@link #backward} for a caller that does not need ∂L/∂x (a training step): adds ∂L/∂θ into
     * the parameter gradients and may skip the input gradient. {@link Dense} and {@link Conv2d} skip
     * it, which removes a third of their backward cost on the first layer of a network (PyTorch skips it
     * too, since its inputs do not require gradients).
     */
    default void backwardParameters(Tensor gradOutput) { backward(gradOutput); }

    /** Shape of one output sample for one input sample shape (both without the batch axis). */
    int[] outputShape(int... inputShape);

    /** The trainable parameters, named relative to this layer; empty for parameter-free layers. */
    default List<Parameter> parameters() { return List.of(); }

    /** Sets every parameter gradient to zero. */
    default void zeroGradInPlace() {
        for (Parameter p : parameters()) p.zeroGradInPlace();
    }
}
