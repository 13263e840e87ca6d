package io.lipschitz4j.certify;

import io.lipschitz4j.linalg.Gaussian;
import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.nn.Add;
import io.lipschitz4j.nn.Conv2d;
import io.lipschitz4j.nn.Conv2dSpec;
import io.lipschitz4j.nn.Dense;
import io.lipschitz4j.nn.ElementwiseAffine;
import io.lipschitz4j.nn.Flatten;
import io.lipschitz4j.nn.GlobalAvgPool2d;
import io.lipschitz4j.nn.Graph;
import io.lipschitz4j.nn.MaxPool2d;
import io.lipschitz4j.nn.ReLU;

import java.util.SplittableRandom;

/**
 * A ResNet-18 (He et al. 2016, Table 1; torchvision's {@code resnet18} topology) as an nn {@link Graph}
 * for 3×224×224 inputs, with seeded random weights: conv1 7×7/2 pad 3 + BN + ReLU, max-pool 3/2 pad 1,
 * four stages of two basic blocks (3×3 convs with BN; 64, 128, 256, 512 channels; the first block of
 * stages 2–4 has stride 2 and a 1×1/2 conv + BN shortcut), global average pool, fc 512 → 1000.
 * Convolutions have no bias and He-normal weights N(0, 2/fan_out) (torchvision's kaiming_normal_,
 * mode fan_out); BatchNorm is at its initial state (γ = 1, β = 0, running mean 0, variance 1, ε = 1e-5)
 * as an inference-mode {@link ElementwiseAffine}; fc is PyTorch's default uniform init.
 *
 * <p>Node names follow torchvision's module paths with '/' for '.', e.g. {@code layer2/0/downsample/0}.
 */
public final class Resnet18 {
    private Resnet18() {}

    /** Input sample shape {3, 224, 224}. */
    public static final int[] INPUT_SHAPE = {3, 224, 224};

    public static Graph build(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Graph.Builder g = Graph.builder("x")
                .layer("conv1", conv(3, 64, 7, 2, 3, r), "x")
                .layer("bn1", bn(64), "conv1")
                .layer("relu", new ReLU(), "bn1")
                .layer("maxpool", new MaxPool2d(3, 3, 2, 2, 1, 1, 1, 1, false), "relu");
        String prev = "maxpool";
        int in = 64;
        int[] widths = {64, 128, 256, 512};
        for (int s = 0; s < 4; s++) {
            for (int b = 0; b < 2; b++) {
                int stride = s > 0 && b == 0 ? 2 : 1, out = widths[s];
                String p = "layer" + (s + 1) + "_" + b + "_";
                g.layer(p + "conv1", conv(in, out, 3, stride, 1, r), prev)
                        .layer(p + "bn1", bn(out), p + "conv1")
                        .layer(p + "relu1", new ReLU(), p + "bn1")
                        .layer(p + "conv2", conv(out, out, 3, 1, 1, r), p + "relu1")
                        .layer(p + "bn2", bn(out), p + "conv2");
                String skip = prev;
                if (stride != 1 || in != out) {
                    g.layer(p + "downsample0", conv(in, out, 1, stride, 0, r), prev).layer(p + "downsample1", bn(out), p + "downsample0");
                    skip = p + "downsample1";
                }
                g.merge(p + "add", new Add(), p + "bn2", skip).layer(p + "relu2", new ReLU(), p + "add");
                prev = p + "relu2";
                in = out;
            }
        }
        return g.layer("avgpool", new GlobalAvgPool2d(), prev)
                .layer("flatten", new Flatten(), "avgpool")
                .layer("fc", new Dense(512, 1000, true, r), "flatten")
                .build("fc");
    }

    private static Conv2d conv(int in, int out, int k, int stride, int pad, SplittableRandom r) {
        Tensor w = Tensor.zeros(out, in, k, k);
        double std = Math.sqrt(2.0 / (out * k * k));
        for (int i = 0; i < w.size(); i++) w.data()[i] = std * Gaussian.next(r);
        return new Conv2d(Conv2dSpec.of(in, out, k).withStride(stride).withPadding(pad).withBias(false), w, null);
    }

    private static ElementwiseAffine bn(int c) {
        double[] one = new double[c], zero = new double[c];
        java.util.Arrays.fill(one, 1);
        Tensor o = new Tensor(new int[] {c}, one), z = new Tensor(new int[] {c}, zero);
        return ElementwiseAffine.batchNorm(o, z, z, o, 1e-5, 3);
    }
}
