package io.lipschitz4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lipschitz4j.bench.Peers;
import io.lipschitz4j.bench.SideBySide;
import io.lipschitz4j.linalg.Backend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lipschitz bench}: lipschitz4j against NumPy/SciPy/PyTorch on the same cases, in one run. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Times lipschitz4j and the peer baselines of ../shared/bench/peers.py (NumPy, SciPy, PyTorch,",
            "run as a subprocess with Debian's python3 when present) on the same cases, in one run, and",
            "prints one table of time ratios ours/peer (below 1: we are faster). BLAS threads are pinned",
            "to 1 on both sides (OPENBLAS_NUM_THREADS=1; the launcher sets it).",
            "",
            "Cases: dense-norm (certified σ₁ to 1e-10 vs scipy svds; exact SVD vs numpy),",
            "       conv-exact (all singular values of a circular conv vs numpy/torch FFT+SVD),",
            "       conv-power (50 operator power iterations vs torch).",
            "",
            "Example: lipschitz bench --cases conv-exact --conv 3,64,32 --repeats 3"})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--cases", split = ",", defaultValue = "dense-norm,conv-exact,conv-power", description = "Cases to run (default ${DEFAULT-VALUE}).")
    List<String> cases;

    @Option(names = "--dense-sizes", split = ",", defaultValue = "1000,2000,4000", description = "n for dense-norm (default ${DEFAULT-VALUE}).")
    List<Integer> denseSizes;

    @Option(names = "--conv", split = ";", defaultValue = "3,64,32;3,128,32;3,64,64", paramLabel = "K,M,N[;...]",
            description = "Conv cases as kernel,channels,input (default ${DEFAULT-VALUE}).")
    List<String> conv;

    @Option(names = "--repeats", defaultValue = "3", description = "Best of this many timed runs on each side (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--peers", paramLabel = "FILE", description = "Path of peers.py (default: ../shared/bench/peers.py).")
    Path peersScript;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        if (repeats < 1) throw new UserException("--repeats must be >= 1");
        List<int[]> shapes = new ArrayList<>();
        for (String c : conv) {
            String[] p = c.split(",");
            if (p.length != 3) throw new UserException("--conv: expected K,M,N like 3,64,32, got '" + c + "'");
            try {
                shapes.add(Arrays.stream(p).mapToInt(s -> Integer.parseInt(s.trim())).toArray());
            } catch (NumberFormatException e) {
                throw new UserException("--conv: expected integers K,M,N, got '" + c + "'");
            }
        }
        Path script = peersScript != null ? peersScript : Peers.locate();
        List<SideBySide.Row> rows = new SideBySide(script, repeats, msg -> System.err.println("bench: " + msg)).run(cases, denseSizes, shapes);
        ObjectNode json = Json.object();
        json.put("blas", Backend.describe());
        json.put("javaVersion", System.getProperty("java.version"));
        json.put("cores", Runtime.getRuntime().availableProcessors());
        ArrayNode arr = json.putArray("rows");
        for (SideBySide.Row r : rows) {
            ObjectNode o = arr.addObject();
            o.put("case", r.caseName());
            o.put("params", r.params());
            o.put("ours", r.ours());
            Json.putNumber(o, "ourSeconds", r.ourSeconds());
            Json.putNumber(o, "ourValue", r.ourValue());
            o.put("peer", r.peer());
            Json.putNumber(o, "peerSeconds", r.peerSeconds());
            Json.putNumber(o, "peerValue", r.peerValue());
            Json.putNumber(o, "ratio", r.ratio());
        }
        String table = SideBySide.markdown(rows);
        if (output.json) System.out.print(Json.write(json));
        else System.out.print(table);
        if (output.out != null) {
            AtomicFiles.writeString(output.out.resolve("bench.md"), table);
            new Report("lipschitz bench", json).summary("BLAS", Backend.describe()).summary("table", "bench.md").writeTo(output.out);
        }
        return 0;
    }
}
