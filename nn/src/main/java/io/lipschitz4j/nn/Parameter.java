package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Tensor;

import java.util.Arrays;

/**
 * A trainable tensor and its gradient, under a name. Names follow PyTorch's {@code state_dict}
 * (for example {@code 0.weight}, {@code block.conv.bias}), so weights map one to one onto PyTorch,
 * ONNX and safetensors files, and optimizer state can be keyed and saved by name.
 *
 * <p>{@code value} and {@code grad} are shared, mutable tensors of the same shape: layers read
 * {@code value} and add into {@code grad} in {@link Layer#backward}; optimizers update {@code value} in
 * place. Containers hand out renamed views ({@link #withPrefix}) over the same two tensors.
 */
public record Parameter(String name, Tensor value, Tensor grad) {

    public Parameter {
        if (!Arrays.equals(value.shape(), grad.shape())) {
            throw new IllegalArgumentException("parameter " + name + ": value " + value + " and grad " + grad + " differ in shape");
        }
    }

    /** A parameter over {@code value} with a new zero gradient. */
    public static Parameter of(String name, Tensor value) {
        return new Parameter(name, value, Tensor.zeros(value.shape()));
    }

    /** The same tensors named {@code prefix + "." + name}. */
    public Parameter withPrefix(String prefix) {
        return new Parameter(prefix + "." + name, value, grad);
    }

    /** Sets the gradient to zero. */
    public void zeroGradInPlace() {
        Arrays.fill(grad.data(), 0.0);
    }

    public int size() { return value.size(); }
}
