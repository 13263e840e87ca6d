package io.lipschitz4j.spectral.conv;

import static io.lipschitz4j.linalg.Rounding.addUp;
import static io.lipschitz4j.linalg.Rounding.subDown;

import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.spectral.Bound;
import io.lipschitz4j.spectral.BoundKind;
import io.lipschitz4j.spectral.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Grouped convolutions. With groups G the operator is block diagonal, A = diag(A₀, …, A_{G−1}) up to
 * the channel ordering (block g maps input channels [g·in/G, (g+1)·in/G) to output channels
 * [g·out/G, (g+1)·out/G)), so ‖A‖₂ = max_g ‖A_g‖₂ — the MAX over groups, never a sum or product.
 */
public final class Groups {
    private Groups() {}

    /** The G per-group convolutions (groups = 1 each, same spatial geometry); a one-element list for G = 1. */
    public static List<Convolution> split(Convolution conv) {
        int g = conv.groups();
        if (g == 1) return List.of(conv);
        Tensor k = conv.kernel();
        int[] shape = k.shape();
        int coutG = shape[0] / g, per = k.size() / shape[0] * coutG;
        shape[0] = coutG;
        List<Convolution> l = new ArrayList<>(g);
        for (int i = 0; i < g; i++) {
            double[] d = Arrays.copyOfRange(k.data(), i * per, (i + 1) * per);
            l.add(new Convolution(new Tensor(shape, d), conv.inputSize(), conv.padding(), conv.pad(), conv.stride(),
                    conv.dilation(), 1));
        }
        return l;
    }

    /** Applies a per-group method to every group and combines with {@link #max}. */
    public static Bound perGroup(Convolution conv, Function<Convolution, Bound> method) {
        long t0 = System.nanoTime();
        List<Bound> l = new ArrayList<>();
        for (Convolution c : split(conv)) l.add(method.apply(c));
        Bound b = max(l);
        return b.withTime(Duration.ofNanos(System.nanoTime() - t0));
    }

    /**
     * Combines bounds on ‖A_g‖ into a bound on max_g ‖A_g‖: all EXACT → EXACT (largest error term);
     * all UPPER or EXACT → UPPER (an EXACT value enters as value + its error term, rounded up); all
     * LOWER or EXACT → LOWER (EXACT as value − error term, rounded down; the max of lower bounds of
     * the parts is a lower bound of the max); any other mix → ESTIMATE. Status is the worst of the
     * parts, iterations add up, residual is the largest.
     */
    public static Bound max(List<Bound> parts) {
        if (parts.isEmpty()) throw new IllegalArgumentException("no parts");
        boolean allExact = parts.stream().allMatch(b -> b.kind() == BoundKind.EXACT);
        boolean upper = parts.stream().allMatch(b -> b.kind() == BoundKind.UPPER || b.kind() == BoundKind.EXACT);
        boolean lower = parts.stream().allMatch(b -> b.kind() == BoundKind.LOWER || b.kind() == BoundKind.EXACT);
        BoundKind kind = allExact ? BoundKind.EXACT : upper ? BoundKind.UPPER : lower ? BoundKind.LOWER : BoundKind.ESTIMATE;
        double v = Double.NEGATIVE_INFINITY, err = 0, res = Double.NaN;
        int it = 0;
        Status st = Status.CONVERGED;
        for (Bound b : parts) {
            double x = b.value();
            if (b.kind() == BoundKind.EXACT && kind == BoundKind.UPPER) x = addUp(x, b.errorTerm());
            if (b.kind() == BoundKind.EXACT && kind == BoundKind.LOWER) x = Math.max(0, subDown(x, b.errorTerm()));
            v = Double.isNaN(x) || Double.isNaN(v) ? Double.NaN : Math.max(v, x);
            err = Math.max(err, b.errorTerm());
            it += b.iterations();
            if (!Double.isNaN(b.residual())) res = Double.isNaN(res) ? b.residual() : Math.max(res, b.residual());
            if (b.status().ordinal() > st.ordinal()) st = b.status();
        }
        if (Double.isNaN(v)) st = Status.DIVERGED;
        String method = parts.get(0).method() + (parts.size() > 1 ? "+max-over-" + parts.size() + "-groups" : "");
        Duration t = parts.stream().map(Bound::time).reduce(Duration.ZERO, Duration::plus);
        return new Bound(v, kind, err, method, it, st, res, t);
    }
}
