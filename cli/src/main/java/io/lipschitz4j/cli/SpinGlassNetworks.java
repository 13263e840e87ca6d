package io.lipschitz4j.cli;

import io.lipschitz4j.linalg.Gaussian;
import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.nn.Dense;
import io.lipschitz4j.nn.ReLU;
import io.lipschitz4j.nn.Sequential;
import io.lipschitz4j.nn.loss.LossValue;
import io.lipschitz4j.nn.loss.SoftmaxCrossEntropy;
import io.lipschitz4j.nn.optim.Adam;
import java.util.SplittableRandom;

/**
 * The network half of the spin-glass study (Choromanska et al. 2015, §5 and Fig. 3/4: test losses of
 * networks of growing size trained from many seeds concentrate). Lives in cli because it needs nn, and
 * tensor must not depend on nn.
 *
 * <p>Task: a fixed, seeded teacher–student classification. Inputs x ~ N(0, I_dim); labels are the argmax
 * of a random one-hidden-layer ReLU teacher (width {@value #TEACHER_WIDTH}, Gaussian weights). Students
 * are dim → width → classes ReLU networks (PyTorch-default initialisation from the student seed), trained
 * with Adam (lr 0.01 with cosine decay to 0) on shuffled minibatches; the recorded number is the softmax
 * cross-entropy on a held-out test set after the last epoch. Cost per run: 6·epochs·train·width·(dim +
 * classes) flops.
 */
final class SpinGlassNetworks {
    static final int TEACHER_WIDTH = 32;

    private SpinGlassNetworks() {}

    record Task(Tensor xTrain, int[] yTrain, Tensor xTest, int[] yTest, int dim, int classes) {}

    /** Result of one training run; {@code finite} is false when the loss became NaN/∞ (then excluded from the spread). */
    record Run(double testLoss, double testAccuracy, double trainLoss, boolean finite) {}

    static Task teacherTask(int dim, int classes, int train, int test, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] w1 = new double[TEACHER_WIDTH * dim], w2 = new double[classes * TEACHER_WIDTH];
        for (int i = 0; i < w1.length; i++) w1[i] = Gaussian.next(rnd) / Math.sqrt(dim);
        for (int i = 0; i < w2.length; i++) w2[i] = Gaussian.next(rnd) / Math.sqrt(TEACHER_WIDTH);
        Tensor xtr = gaussian(train, dim, rnd), xte = gaussian(test, dim, rnd);
        return new Task(xtr, label(xtr, w1, w2, dim, classes), xte, label(xte, w1, w2, dim, classes), dim, classes);
    }

    private static Tensor gaussian(int n, int d, SplittableRandom rnd) {
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) x[i] = Gaussian.next(rnd);
        return new Tensor(new int[] {n, d}, x);
    }

    private static int[] label(Tensor x, double[] w1, double[] w2, int dim, int classes) {
        int n = x.dim(0);
        int[] y = new int[n];
        double[] h = new double[TEACHER_WIDTH];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < TEACHER_WIDTH; j++) {
                double s = 0;
                for (int p = 0; p < dim; p++) s += w1[j * dim + p] * x.data()[i * dim + p];
                h[j] = Math.max(0, s);
            }
            double best = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                double s = 0;
                for (int j = 0; j < TEACHER_WIDTH; j++) s += w2[c * TEACHER_WIDTH + j] * h[j];
                if (s > best) { best = s; y[i] = c; }
            }
        }
        return y;
    }

    static Run train(Task t, int width, long seed, int epochs, int batch) {
        SplittableRandom rng = new SplittableRandom(seed);
        Sequential net = Sequential.of(new Dense(t.dim(), width, true, rng), new ReLU(), new Dense(width, t.classes(), true, rng));
        Adam opt = new Adam();
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        int n = t.yTrain().length, d = t.dim();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        double last = Double.NaN;
        int steps = epochs * ((n + batch - 1) / batch), step = 0;
        for (int e = 0; e < epochs; e++) {
            for (int i = n - 1; i > 0; i--) { // Fisher–Yates from the student's seed
                int j = rng.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
            for (int from = 0; from < n; from += batch) {
                int b = Math.min(batch, n - from);
                double[] x = new double[b * d];
                int[] y = new int[b];
                for (int i = 0; i < b; i++) {
                    System.arraycopy(t.xTrain().data(), order[from + i] * d, x, i * d, d);
                    y[i] = t.yTrain()[order[from + i]];
                }
                net.zeroGradInPlace();
                LossValue lv = loss.evaluate(net.forward(new Tensor(new int[] {b, d}, x)), y);
                if (!Double.isFinite(lv.value())) return new Run(Double.NaN, Double.NaN, lv.value(), false);
                net.backward(lv.gradient());
                // cosine decay to 0 so every run ends at (near) a minimum rather than in constant-step noise
                opt.stepInPlace(net.parameters(), 0.005 * (1 + Math.cos(Math.PI * step++ / steps)));
                last = lv.value();
            }
        }
        Tensor logits = net.forward(t.xTest());
        LossValue test = loss.evaluate(logits, t.yTest());
        int k = t.classes(), correct = 0;
        for (int i = 0; i < t.yTest().length; i++) {
            int arg = 0;
            for (int c = 1; c < k; c++) if (logits.data()[i * k + c] > logits.data()[i * k + arg]) arg = c;
            if (arg == t.yTest()[i]) correct++;
        }
        return new Run(test.value(), (double) correct / t.yTest().length, last, Double.isFinite(test.value()));
    }
}
