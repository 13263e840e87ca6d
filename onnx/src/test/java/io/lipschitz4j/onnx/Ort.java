package io.lipschitz4j.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.lipschitz4j.linalg.Gaussian;
import io.lipschitz4j.linalg.Tensor;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

/** ONNX Runtime as the reference: runs a model file on one input batch (float32 or float64). */
final class Ort {
    private Ort() {}

    /** A seeded Gaussian batch [n, sample...], rounded to float32 so both sides see the same input. */
    static Tensor input(long seed, int n, int... sample) {
        int[] shape = new int[sample.length + 1];
        shape[0] = n;
        System.arraycopy(sample, 0, shape, 1, sample.length);
        Tensor t = Tensor.zeros(shape);
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < t.size(); i++) t.data()[i] = (float) Gaussian.next(r);
        return t;
    }

    static Tensor run(Path model, String inputName, Tensor x, boolean float64) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] shape = new long[x.rank()];
        for (int i = 0; i < shape.length; i++) shape[i] = x.dim(i);
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(1);
            opts.setInterOpNumThreads(1);
            // ORT's fusions (e.g. x·σ(x) → QuickGelu) have float32 kernels only
            if (float64) opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
            try (OrtSession s = env.createSession(model.toString(), opts)) {
                OnnxTensor in;
                if (float64) {
                    in = OnnxTensor.createTensor(env, DoubleBuffer.wrap(x.data()), shape);
                } else {
                    float[] f = new float[x.size()];
                    for (int i = 0; i < f.length; i++) f[i] = (float) x.data()[i];
                    in = OnnxTensor.createTensor(env, FloatBuffer.wrap(f), shape);
                }
                try (in; OrtSession.Result r = s.run(Map.of(inputName, in))) {
                    OnnxTensor out = (OnnxTensor) r.get(0);
                    long[] os = out.getInfo().getShape();
                    int[] ish = new int[os.length];
                    for (int i = 0; i < os.length; i++) ish[i] = (int) os[i];
                    double[] d = new double[(int) Tensor.sizeOf(ish)];
                    if (float64) {
                        out.getDoubleBuffer().get(d);
                    } else {
                        FloatBuffer fb = out.getFloatBuffer();
                        for (int i = 0; i < d.length; i++) d[i] = fb.get(i);
                    }
                    return new Tensor(ish, d);
                }
            }
        }
    }

    /** max |a − b| / max(max |b|, 1e-30). */
    static double relError(Tensor a, Tensor b) {
        double err = 0, scale = 1e-30;
        for (int i = 0; i < a.size(); i++) {
            err = Math.max(err, Math.abs(a.data()[i] - b.data()[i]));
            scale = Math.max(scale, Math.abs(b.data()[i]));
        }
        return err / scale;
    }
}
