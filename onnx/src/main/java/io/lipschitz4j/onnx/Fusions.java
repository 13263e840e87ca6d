package io.lipschitz4j.onnx;

import io.lipschitz4j.linalg.Tensor;
import io.lipschitz4j.nn.Clip;
import io.lipschitz4j.nn.Dense;
import io.lipschitz4j.nn.ElementwiseAffine;
import io.lipschitz4j.nn.HardSigmoid;
import io.lipschitz4j.nn.HardSwish;
import io.lipschitz4j.nn.Multiply;
import io.lipschitz4j.nn.SiLU;
import io.lipschitz4j.nn.Sigmoid;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites of the imported node list that recover what exporters decompose, so that certification sees
 * one activation with a known constant instead of a bilinear product:
 * <ul>
 *   <li>x·Sigmoid(x) → {@link SiLU} (how torch exports {@code nn.SiLU});</li>
 *   <li>x·HardSigmoid_{1/6, 1/2}(x) → {@link HardSwish} (torch's {@code nn.Hardswish} before opset 14);</li>
 *   <li>x·Clip(x + 3, 0, 6)/6, with the /6 before or after the product → {@link HardSwish};</li>
 *   <li>adjacent {@link ElementwiseAffine}s (constant Sub/Div/Mul/Add, batch norm) → one, and a constant
 *       per-feature Add after a {@link Dense} → its bias.</li>
 * </ul>
 * Any other product of two computed tensors (a squeeze-excitation gate) stays a {@link Multiply}.
 * Finally nodes that do not reach the output are dropped.
 */
final class Fusions {
    private Fusions() {}

    static List<IrNode> apply(List<IrNode> nodes, String output) {
        List<IrNode> ir = new ArrayList<>(nodes);
        boolean changed = true;
        while (changed) {
            changed = fuseProducts(ir, output) || foldAffine(ir, output);
        }
        return prune(ir, output);
    }

    private static Map<String, IrNode> byName(List<IrNode> ir) {
        Map<String, IrNode> m = new HashMap<>();
        for (IrNode n : ir) m.put(n.name(), n);
        return m;
    }

    private static int uses(List<IrNode> ir, String value, String output) {
        int k = value.equals(output) ? 1 : 0;
        for (IrNode n : ir) for (String s : n.inputs()) if (s.equals(value)) k++;
        return k;
    }

    private static boolean near(double a, double b) { return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b)); }

    /** True when an affine map is x ↦ x·s + t with every s = scale and every t = shift. */
    private static boolean isScalarAffine(Object op, double scale, double shift) {
        if (!(op instanceof ElementwiseAffine a)) return false;
        for (double v : a.scale().data()) if (!near(v, scale)) return false;
        for (double v : a.shift().data()) if (!near(v, shift)) return false;
        return true;
    }

    private static boolean fuseProducts(List<IrNode> ir, String output) {
        Map<String, IrNode> by = byName(ir);
        for (int i = 0; i < ir.size(); i++) {
            IrNode m = ir.get(i);
            if (!(m.merge() instanceof Multiply)) continue;
            for (int side = 0; side < 2; side++) {
                String x = m.inputs().get(side), g = m.inputs().get(1 - side);
                IrNode gate = by.get(g);
                if (gate == null || gate.layer() == null || uses(ir, g, output) != 1) continue;
                // x·σ(x), x·hardsigmoid(x)
                if (gate.inputs().get(0).equals(x)) {
                    if (gate.layer() instanceof Sigmoid) {
                        replace(ir, m, IrNode.layer(m.name(), new SiLU(), x), gate);
                        return true;
                    }
                    if (gate.layer() instanceof HardSigmoid h && near(h.alpha(), 1.0 / 6) && near(h.beta(), 0.5)) {
                        replace(ir, m, IrNode.layer(m.name(), new HardSwish(), x), gate);
                        return true;
                    }
                }
                // x·Clip(x + 3, 0, 6)[/6]
                List<IrNode> chain = new ArrayList<>();
                IrNode cur = gate;
                boolean divided = false;
                if (isScalarAffine(cur.layer(), 1.0 / 6, 0)) {
                    divided = true;
                    chain.add(cur);
                    cur = by.get(cur.inputs().get(0));
                    if (cur == null || cur.layer() == null || uses(ir, cur.name(), output) != 1) continue;
                }
                if (!(cur.layer() instanceof Clip cl) || cl.min() != 0 || cl.max() != 6) continue;
                chain.add(cur);
                IrNode plus3 = by.get(cur.inputs().get(0));
                if (plus3 == null || !isScalarAffine(plus3.layer(), 1, 3) || !plus3.inputs().get(0).equals(x) || uses(ir, plus3.name(), output) != 1) continue;
                chain.add(plus3);
                if (!divided) { // the /6 must follow the product, as its only consumer
                    if (uses(ir, m.name(), output) != 1 || m.name().equals(output)) continue;
                    IrNode after = null;
                    for (IrNode n : ir) if (n.inputs().contains(m.name())) after = n;
                    if (after == null || !isScalarAffine(after.layer(), 1.0 / 6, 0)) continue;
                    chain.add(m);
                    replace(ir, after, IrNode.layer(after.name(), new HardSwish(), x), chain.toArray(new IrNode[0]));
                } else {
                    replace(ir, m, IrNode.layer(m.name(), new HardSwish(), x), chain.toArray(new IrNode[0]));
                }
                return true;
            }
        }
        return false;
    }

    private static boolean foldAffine(List<IrNode> ir, String output) {
        Map<String, IrNode> by = byName(ir);
        for (IrNode b : ir) {
            if (!(b.layer() instanceof ElementwiseAffine second)) continue;
            IrNode a = by.get(b.inputs().get(0));
            if (a == null || uses(ir, a.name(), output) != 1) continue;
            if (a.layer() instanceof ElementwiseAffine first) {
                replace(ir, b, IrNode.layer(b.name(), first.andThen(second), a.inputs().get(0)), a);
                return true;
            }
            if (a.layer() instanceof Dense d) {
                // y = Wx + b then + t (t per output feature or scalar, scale 1): t moves into the bias
                boolean unitScale = true;
                for (double v : second.scale().data()) unitScale &= v == 1.0;
                Tensor t = second.shift();
                int m = d.outFeatures();
                if (!unitScale || !(t.size() == 1 || (t.rank() == 1 && t.size() == m))) continue;
                Tensor bias = Tensor.zeros(m);
                for (int o = 0; o < m; o++) bias.data()[o] = (d.bias() == null ? 0 : d.bias().data()[o]) + t.data()[t.size() == 1 ? 0 : o];
                replace(ir, b, IrNode.layer(b.name(), new Dense(d.weight(), bias), a.inputs().get(0)), a);
                return true;
            }
        }
        return false;
    }

    /** Puts {@code with} in place of {@code target} and removes {@code gone}. */
    private static void replace(List<IrNode> ir, IrNode target, IrNode with, IrNode... gone) {
        ir.set(ir.indexOf(target), with);
        for (IrNode g : gone) ir.remove(g);
    }

    private static List<IrNode> prune(List<IrNode> ir, String output) {
        Map<String, IrNode> by = byName(ir);
        Set<String> live = new HashSet<>();
        List<String> stack = new ArrayList<>(List.of(output));
        while (!stack.isEmpty()) {
            String s = stack.remove(stack.size() - 1);
            if (!live.add(s)) continue;
            IrNode n = by.get(s);
            if (n != null) stack.addAll(n.inputs());
        }
        List<IrNode> out = new ArrayList<>();
        for (IrNode n : ir) if (live.contains(n.name())) out.add(n);
        return out;
    }
}
