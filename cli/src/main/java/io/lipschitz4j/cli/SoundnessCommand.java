package io.lipschitz4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lipschitz4j.linalg.Backend;
import io.lipschitz4j.spectral.conv.ConvSoundness;
import io.lipschitz4j.spectral.dense.DenseSoundness;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lipschitz soundness}: tries random and nasty inputs against every certified method and counts violations. */
@Command(name = "soundness", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Self-check of every certified bound: runs --cases random and nasty inputs per family",
            "(rank-deficient, repeated top singular values, scales 1e-150 and 1e+150, tiny, wide",
            "and tall shapes) and counts violations: an UPPER below the exact value or a LOWER above",
            "it. Exit code 0 when there are none, 1 when any bound is violated.",
            "",
            "Example: lipschitz soundness --cases 100000"})
final class SoundnessCommand implements Callable<Integer> {
    @Option(names = "--cases", defaultValue = "1000", description = "Cases per family (default ${DEFAULT-VALUE}).")
    int cases;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the case generator (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--only", paramLabel = "dense|conv", description = "Run one family only.")
    String only;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        if (cases < 1) throw new UserException("--cases must be >= 1, got " + cases);
        String fam = only == null ? "all" : only.toLowerCase(Locale.ROOT);
        if (!fam.equals("all") && !fam.equals("dense") && !fam.equals("conv")) throw new UserException("--only: expected dense or conv, got '" + only + "'");
        ObjectNode json = Json.object();
        json.put("cases", cases);
        json.put("seed", seed);
        json.put("blas", Backend.describe());
        ObjectNode methods = json.putObject("methods");
        long violations = 0;
        StringBuilder text = new StringBuilder(String.format("%-34s %10s %10s %10s  %s%n", "method", "checks", "violations", "undecided", "worst case"));
        if (!fam.equals("conv")) {
            DenseSoundness.Report r;
            try (Progress p = new Progress("dense", cases)) {
                r = DenseSoundness.run(cases, seed, p.stepTo());
            }
            for (DenseSoundness.MethodStats s : r.methods().values()) {
                if (s.checks() == 0) continue; // estimates carry no guarantee to check
                violations += s.violations();
                add(methods, text, "dense/" + s.method(), s.checks(), s.violations(), s.undecided(), s.worstCase());
            }
        }
        if (!fam.equals("dense")) {
            ConvSoundness.Report r;
            try (Progress p = new Progress("conv", cases)) {
                r = ConvSoundness.run(cases, seed, p.stepTo()::accept);
            }
            for (String m : r.checks().keySet()) {
                long v = r.violations().get(m);
                violations += v;
                add(methods, text, "conv/" + m, r.checks().get(m), v, r.undecided().get(m), m.equals("upper") ? r.worstCase() : null);
            }
            ObjectNode c = methods.with("conv/upper");
            Json.putNumber(c, "upperOverExactMin", r.tightestUpperRatio()); // must stay >= 1
            Json.putNumber(c, "upperOverExactMax", r.worstUpperRatio());   // how loose the certificate gets
        }
        json.put("violations", violations);
        if (output.json) System.out.print(Json.write(json));
        else System.out.print(text.append(violations == 0 ? "0 violations\n" : violations + " VIOLATIONS\n"));
        if (output.out != null) new Report("lipschitz soundness", json).summary("violations", Long.toString(violations)).writeTo(output.out);
        return violations == 0 ? 0 : 1;
    }

    private static void add(ObjectNode methods, StringBuilder text, String name, long checks, long violations, long undecided, String worst) {
        ObjectNode o = methods.putObject(name);
        o.put("checks", checks);
        o.put("violations", violations);
        o.put("undecided", undecided);
        o.put("worstCase", worst);
        text.append(String.format("%-34s %10d %10d %10d  %s%n", name, checks, violations, undecided, worst == null ? "" : worst));
    }
}
