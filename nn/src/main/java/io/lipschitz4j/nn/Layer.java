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
 * <p>Precision: float64 today. The arithmetic lives in the package-private {@code Ops} helper on raw
 * arrays, so a float32 path is a second helper over {@code float[]} plus a float tensor type, without
 * touching the layers' index logic.
 */
public interface Layer {

    /** y = f(x) for a batch; remembers what {@link #backward} needs. */
    Tensor forward(Tensor x);

    /** ∂L/∂x from ∂L/∂y of the last {@link #forward}; adds ∂L/∂θ into the parameter gradients. */
    Tensor backward(Tensor gradOutput);

    /** Shape of one output sample for one input sample shape (both without the batch axis). */
    int[] outputShape(int... inputShape);

    /** The trainable parameters, named relative to this layer; empty for parameter-free layers. */
    default List<Parameter> parameters() { return List.of(); }

    /** Sets every parameter gradient to zero. */
    default void zeroGradInPlace() {
        for (Parameter p : parameters()) p.zeroGradInPlace();
    }
}
