package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.nn.data.Batch;

import java.util.ArrayList;
import java.util.List;

/**
 * Composition f_k ∘ … ∘ f₁ of layers. Backward runs the layers in reverse (chain rule). Parameters are
 * named {@code i.name} with i the layer's position, as PyTorch's {@code nn.Sequential} names them.
 *
 * <p>Under {@link Precision#FLOAT32}, consecutive layers with a float32 path ({@link Dense},
 * {@link Conv2d}, {@link ReLU}, {@link Flatten}) pass float32 buffers to each other (ReLU in place);
 * the input, the output and the gradients at the interface stay float64. The forward of a ReLU right
 * after a {@link ReLUFusable} layer ({@link Conv2d}) runs inside that layer's output pass, with the same
 * results; its backward runs on its own. Not thread-safe.
 */
public final class Sequential implements Layer {
    private final List<Layer> layers;
    // float32 path (see forward32): whether the last forward ran in float32, which layers did, and the
    // conversion buffers at the start of float runs, reused across batches
    private boolean float32;
    private boolean[] ranFloat;
    private FloatTensor[] inF, gradF;

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
        float32 = Precision.current() == Precision.FLOAT32;
        if (float32) return forward32(x, null);
        for (Layer l : layers) x = l.forward(x);
        return x;
    }

    /**
     * {@link #forward}{@code (b.x())}, with the same result; under {@link Precision#FLOAT32}, when the
     * first layer has a float32 path, the batch is read straight into a reused float buffer
     * ({@link Batch#xFloat32}) and no float64 copy of the inputs is made.
     */
    public Tensor forward(Batch b) {
        float32 = Precision.current() == Precision.FLOAT32;
        if (!float32 || layers.isEmpty() || !(layers.get(0) instanceof FloatLayer)) return forward(b.x());
        ensureFloatBuffers();
        FloatTensor reuse = inF[0];
        inF[0] = new FloatTensor(b.shape(), b.xFloat32(reuse == null ? null : reuse.data));
        return forward32(null, inF[0]);
    }

    @Override
    public Tensor backward(Tensor g) {
        return backward(g, true);
    }

    /**
     * Backward for the parameter gradients: it stops at the first layer with parameters, which skips
     * its input gradient, and the parameter-free layers before it (a leading {@link Flatten}) are not
     * run at all. Without this the MLP's first Dense computed a 128×784 input gradient for nothing, a
     * seventh of an epoch.
     */
    @Override
    public void backwardParameters(Tensor g) {
        backward(g, false);
    }

    /** Index of the first layer with parameters, or the number of layers when none has any. */
    private int firstWithParameters() {
        for (int i = 0; i < layers.size(); i++) if (!layers.get(i).parameters().isEmpty()) return i;
        return layers.size();
    }

    private Tensor backward(Tensor g, boolean inputGradient) {
        int stop = inputGradient ? 0 : firstWithParameters(); // layers below stop need no backward
        if (float32) return backward32(g, inputGradient, stop);
        if (layers.isEmpty()) return g;
        if (stop == layers.size()) return null;
        for (int i = layers.size() - 1; i > stop; i--) g = layers.get(i).backward(g);
        if (inputGradient) return layers.get(0).backward(g);
        layers.get(stop).backwardParameters(g);
        return null;
    }

    /**
     * Float32 forward: runs of consecutive {@link FloatLayer}s pass float buffers along, converting
     * only where a run starts (float64 → float32, into a buffer kept per position) and ends (a new
     * float64 tensor). Other layers run their float64 forward. {@code input}, when not null, is the
     * float32 input of the first layer (a FloatLayer) and {@code x} is unused.
     */
    private Tensor forward32(Tensor x, FloatTensor input) {
        int k = layers.size();
        ensureFloatBuffers();
        FloatTensor f = input; // the current value when it is float32, else x is
        for (int i = 0; i < k; i++) {
            Layer l = layers.get(i);
            ranFloat[i] = l instanceof FloatLayer;
            if (ranFloat[i]) {
                if (f == null) f = inF[i] = FloatTensor.of(x, inF[i]);
                if (l instanceof ReLUFusable && i + 1 < k && layers.get(i + 1) instanceof ReLU) {
                    f = ((ReLUFusable) l).forward32ThenReLU(f);
                    ((ReLU) layers.get(i + 1)).forward32Fused(f);
                    ranFloat[++i] = true;
                    continue;
                }
                f = ((FloatLayer) l).forward32(f);
            } else {
                if (f != null) {
                    x = f.toTensor();
                    f = null;
                }
                x = l.forward(x);
            }
        }
        return f != null ? f.toTensor() : x;
    }

    private void ensureFloatBuffers() {
        int k = layers.size();
        if (inF == null || inF.length != k) {
            inF = new FloatTensor[k];
            gradF = new FloatTensor[k + 1];
            ranFloat = new boolean[k];
        }
    }

    /**
     * The float32 backward matching {@link #forward32}, converting at the same run boundaries, for
     * layers {@code stop} and above ({@code stop} = 0 when the input gradient is wanted).
     */
    private Tensor backward32(Tensor g, boolean inputGradient, int stop) {
        if (!inputGradient && stop == layers.size()) return null;
        FloatTensor f = null;
        for (int i = layers.size() - 1; i >= stop; i--) {
            Layer l = layers.get(i);
            boolean needInput = inputGradient || i > stop;
            if (ranFloat[i]) {
                if (f == null) f = gradF[i + 1] = FloatTensor.of(g, gradF[i + 1]);
                f = ((FloatLayer) l).backward32(f, needInput);
            } else {
                if (f != null) {
                    g = f.toTensor();
                    f = null;
                }
                if (needInput) {
                    g = l.backward(g);
                } else {
                    l.backwardParameters(g);
                    g = null;
                }
            }
        }
        return f != null ? f.toTensor() : g;
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
