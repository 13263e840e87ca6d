package io.lipschitz4j.nn;

import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.nn.data.Batch;
import io.lipschitz4j.nn.data.Batches;
import io.lipschitz4j.nn.data.FashionMnist;
import io.lipschitz4j.nn.loss.LossValue;
import io.lipschitz4j.nn.loss.SoftmaxCrossEntropy;
import io.lipschitz4j.nn.optim.Optimizer;
import io.lipschitz4j.nn.optim.Sgd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Where an epoch's time goes: the {@link EpochTiming} loop with every layer of the model wrapped in a
 * timer, and the batch assembly, loss and optimizer step timed apart (a batch's pixels are converted
 * inside {@link Sequential#forward(io.lipschitz4j.nn.data.Batch)}, so they show in the "outside layers"
 * row, with the conversions at the model's interface); a Conv2d followed by a ReLU is timed as the pair
 * that {@link Sequential} fuses (forward together, the ReLU's backward on a row of its own). Prints one table per model
 * (thread CPU seconds per epoch, second epoch). Run like EpochTiming with {@code -Dtest=EpochProfile}
 * ({@code -Dnn.timing.batches=B} times the first B batches of each epoch only).
 */
@EnabledIfSystemProperty(named = "nn.timing", matches = "true")
class EpochProfile {

    /** Thread CPU time at the end of the last timed backward (see {@link TimedFusable}). */
    static long lastBackwardEnd;

    /** A layer that times its delegate's forward and backward (the float32 path too, so it needs a FloatLayer). */
    static class Timed implements FloatLayer {
        final FloatLayer inner;
        long fwd, bwd;

        Timed(Layer inner) { this.inner = (FloatLayer) inner; }

        /** The name of the profile row. */
        String name() { return inner.toString(); }

        @Override public FloatTensor forward32(FloatTensor x) {
            long t = cpu();
            FloatTensor y = inner.forward32(x);
            fwd += cpu() - t;
            return y;
        }

        @Override public FloatTensor backward32(FloatTensor g, boolean inputGradient) {
            long t = cpu();
            FloatTensor d = inner.backward32(g, inputGradient);
            lastBackwardEnd = cpu();
            bwd += lastBackwardEnd - t;
            return d;
        }

        @Override public void backwardParameters(Tensor g) {
            long t = cpu();
            inner.backwardParameters(g);
            bwd += cpu() - t;
        }

        @Override public Tensor forward(Tensor x) {
            long t = cpu();
            Tensor y = inner.forward(x);
            fwd += cpu() - t;
            return y;
        }

        @Override public Tensor backward(Tensor g) {
            long t = cpu();
            Tensor d = inner.backward(g);
            bwd += cpu() - t;
            return d;
        }

        @Override public int[] outputShape(int... in) { return inner.outputShape(in); }
        @Override public List<Parameter> parameters() { return inner.parameters(); }
    }

    /**
     * A timed {@link ReLUFusable} followed by a bare ReLU, which {@link Sequential} therefore still fuses:
     * {@link #fwd} is the fused pair's forward, {@link #bwd} the layer's backward, and {@link #reluBwd}
     * the backward of the ReLU, which Sequential runs just before (from the end of the previous timed
     * backward to the start of this one).
     */
    static final class TimedFusable extends Timed implements ReLUFusable {
        long reluBwd;

        TimedFusable(Layer inner) { super(inner); }

        @Override String name() { return inner + " + ReLU forward"; }

        @Override public FloatTensor forward32ThenReLU(FloatTensor x) {
            long t = cpu();
            FloatTensor y = ((ReLUFusable) inner).forward32ThenReLU(x);
            fwd += cpu() - t;
            return y;
        }

        @Override public FloatTensor backward32(FloatTensor g, boolean inputGradient) {
            reluBwd += cpu() - lastBackwardEnd;
            return super.backward32(g, inputGradient);
        }
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    /** CPU time of this thread: steadier than wall time on a shared machine (BLAS runs on this thread with OPENBLAS_NUM_THREADS=1). */
    static long cpu() { return THREADS.getCurrentThreadCpuTime(); }

    @Test
    void profile() throws IOException {
        assumeTrue(FashionMnist.isAvailable(null), "Fashion-MNIST not installed");
        FashionMnist.Split data = FashionMnist.load(null);
        String models = System.getProperty("nn.timing.models", "mlp,cnn");
        Precision old = Precision.set(Precision.byName(System.getProperty("nn.timing.precisions", "float32").split(",")[0]));
        try {
            for (String m : models.split(",")) {
                Sequential base = (m.equals("mlp") ? EpochTiming.mlp(new SplittableRandom(0)) : EpochTiming.cnn(new SplittableRandom(0)));
                // a fusable layer stays fusable with the bare ReLU after it; that ReLU's backward is timed by it
                List<Timed> timed = new ArrayList<>();
                List<Layer> layers = new ArrayList<>();
                List<Layer> ls = base.layers();
                for (int i = 0; i < ls.size(); i++) {
                    if (ls.get(i) instanceof ReLUFusable && i + 1 < ls.size() && ls.get(i + 1) instanceof ReLU) {
                        TimedFusable t = new TimedFusable(ls.get(i));
                        timed.add(t);
                        layers.add(t);
                        layers.add(ls.get(++i));
                    } else {
                        Timed t = new Timed(ls.get(i));
                        timed.add(t);
                        layers.add(t);
                    }
                }
                Sequential net = new Sequential(layers);
                Optimizer sgd = Sgd.momentum(0.9);
                for (int epoch = 0; epoch < 2; epoch++) {
                    for (Timed t : timed) {
                        t.fwd = t.bwd = 0;
                        if (t instanceof TimedFusable) ((TimedFusable) t).reluBwd = 0;
                    }
                    long tBatch = 0, tFwd = 0, tBwd = 0, tLoss = 0, tStep = 0, tZero = 0, t0 = cpu(), w0 = System.nanoTime();
                    Batches batches = Batches.shuffled(data.train(), 128, 1, epoch, false);
                    int count = Math.min(batches.count(), Integer.getInteger("nn.timing.batches", Integer.MAX_VALUE));
                    for (int i = 0; i < count; i++) {
                        long a = cpu();
                        Batch b = batches.get(i);
                        long c = cpu();
                        net.zeroGradInPlace();
                        long d = cpu();
                        Tensor out = net.forward(b);
                        long e = cpu();
                        LossValue v = new SoftmaxCrossEntropy().evaluate(out, b.labels());
                        long f = cpu();
                        lastBackwardEnd = f;
                        net.backwardParameters(v.gradient());
                        long g = cpu();
                        sgd.stepInPlace(net.parameters(), 0.05);
                        long h = cpu();
                        tBatch += c - a; tZero += d - c; tFwd += e - d; tLoss += f - e; tBwd += g - f; tStep += h - g;
                    }
                    double total = (cpu() - t0) / 1e9;
                    if (epoch == 0) continue;
                    System.out.printf("PROFILE model=%s precision=%s batches=%d cpu seconds=%.3f (wall %.3f)%n", m, Precision.current(), count, total, (System.nanoTime() - w0) / 1e9);
                    System.out.printf("PROFILE   %-56s %8s %8s%n", "part", "fwd s", "bwd s");
                    long inLayersF = 0, inLayersB = 0;
                    for (Timed t : timed) {
                        System.out.printf("PROFILE   %-56s %8.3f %8.3f%n", t.name(), t.fwd / 1e9, t.bwd / 1e9);
                        inLayersF += t.fwd;
                        inLayersB += t.bwd;
                        if (t instanceof TimedFusable) {
                            long r = ((TimedFusable) t).reluBwd;
                            System.out.printf("PROFILE   %-56s %8s %8.3f%n", "ReLU backward (forward fused above)", "-", r / 1e9);
                            inLayersB += r;
                        }
                    }
                    System.out.printf("PROFILE   %-56s %8.3f %8.3f%n", "outside layers (input/output conversion)", (tFwd - inLayersF) / 1e9, (tBwd - inLayersB) / 1e9);
                    System.out.printf("PROFILE   %-56s %8.3f%n", "batch assembly (labels, indices)", tBatch / 1e9);
                    System.out.printf("PROFILE   %-56s %8.3f%n", "zero grad", tZero / 1e9);
                    System.out.printf("PROFILE   %-56s %8.3f%n", "loss", tLoss / 1e9);
                    System.out.printf("PROFILE   %-56s %8.3f%n", "optimizer step", tStep / 1e9);
                }
            }
        } finally {
            Precision.set(old);
        }
    }
}
