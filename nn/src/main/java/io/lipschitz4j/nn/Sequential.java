package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Composition f_k ∘ … ∘ f₁ of layers. Backward runs the layers in reverse (chain rule). Parameters are
 * named {@code i.name} with i the layer's position, as PyTorch's {@code nn.Sequential} names them.
 */
public final class Sequential implements Layer {
    private final List<Layer> layers;

    public Sequential(List<Layer> layers) {
        this.layers = List.copyOf(layers);
        for (int i = 0; i < this.layers.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (this.layers.get(i) == this.layers.get(j)) {
                    throw new IllegalArgumentException("layer " + i + " is the same instance as layer " + j + "; a layer holds one forward's state");
                }
            }
        }
    }

    public static Sequential of(Layer... layers) { return new Sequential(List.of(layers)); }

    public List<Layer> layers() { return layers; }

    @Override
    public Tensor forward(Tensor x) {
        for (Layer l : layers) x = l.forward(x);
        return x;
    }

    @Override
    public Tensor backward(Tensor g) {
        for (int i = layers.size() - 1; i >= 0; i--) g = layers.get(i).backward(g);
        return g;
    }

    @Override
    public int[] outputShape(int... in) {
        for (Layer l : layers) in = l.outputShape(in);
        return in;
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> ps = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            for (Parameter p : layers.get(i).parameters()) ps.add(p.withPrefix(String.valueOf(i)));
        }
        return ps;
    }

    @Override public String toString() { return "Sequential" + layers; }
}
