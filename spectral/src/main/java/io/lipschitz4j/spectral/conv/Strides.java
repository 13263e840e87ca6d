package io.lipschitz4j.spectral.conv;

import static io.lipschitz4j.linalg.Rounding.addUp;

import io.lipschitz4j.spectral.Bound;
import io.lipschitz4j.spectral.BoundKind;
import java.util.function.Function;

/**
 * Bounds for strided layers. A strided layer is S·A with A the stride-1 layer (same padding, pad and
 * dilation) and S a row selection (the outputs i·s), so ‖SA‖₂ ≤ ‖A‖₂: any UPPER bound of A is one of
 * SA (a LOWER bound of A is not). For CIRCULAR layers with s | n the {@link Polyphase} form is an
 * exact equivalence, so bounds of every kind transfer and are usually much tighter.
 */
public final class Strides {
    private Strides() {}

    /** The same layer with stride 1 on every axis. */
    public static Convolution unitStride(Convolution conv) {
        int[] ones = new int[conv.spatialDims()];
        java.util.Arrays.fill(ones, 1);
        return new Convolution(conv.kernel(), conv.inputSize(), conv.padding(), conv.pad(), ones, conv.dilation(), conv.groups());
    }

    /**
     * A bound for a possibly strided layer from a method for any layer: stride 1 → the method itself;
     * CIRCULAR with s | n → the method on the polyphase layer (kind kept; a rounded phase-kernel sum,
     * possible only when dilation ≥ stride, downgrades it to ESTIMATE); otherwise → the method on the
     * stride-1 layer, kept only as UPPER (EXACT becomes UPPER value + error term, LOWER/ESTIMATE
     * become ESTIMATE).
     */
    public static Bound bound(Convolution conv, Function<Convolution, Bound> method) {
        if (conv.unitStride()) return method.apply(conv);
        if (Polyphase.applies(conv)) {
            Bound b = method.apply(Polyphase.transform(conv));
            BoundKind kind = Polyphase.exact(conv) ? b.kind() : BoundKind.ESTIMATE;
            return new Bound(b.value(), kind, b.errorTerm(), b.method() + "+polyphase", b.iterations(), b.status(),
                    b.residual(), b.time());
        }
        Bound b = method.apply(unitStride(conv));
        BoundKind kind = b.kind() == BoundKind.UPPER || b.kind() == BoundKind.EXACT ? BoundKind.UPPER : BoundKind.ESTIMATE;
        double v = b.kind() == BoundKind.EXACT ? addUp(b.value(), b.errorTerm()) : b.value();
        return new Bound(v, kind, b.errorTerm(), b.method() + "+stride-1", b.iterations(), b.status(), b.residual(), b.time());
    }
}
