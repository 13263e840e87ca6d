package io.lipschitz4j.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code peers.py} (Debian's python3 with NumPy/SciPy/PyTorch) as a subprocess with pinned
 * threads and parses its JSON lines. When Python or its packages are missing the run reports why and
 * returns no results, so the Java side still runs.
 */
public final class Peers {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Path script;
    private final int threads;

    public Peers(Path script, int threads) {
        this.script = script;
        this.threads = threads;
    }

    /** Finds {@code ../shared/bench/peers.py} from the working directory or its parents, or null. */
    public static Path locate() {
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
            Path p = dir.resolve("../shared/bench/peers.py").normalize();
            if (Files.isRegularFile(p)) return p;
            p = dir.resolve("shared/bench/peers.py");
            if (Files.isRegularFile(p)) return p;
        }
        return null;
    }

    /**
     * Debian's interpreter (/usr/bin/python3), where apt-get puts python3-numpy/scipy/torch; another
     * python3 earlier on PATH (pyenv, venv) usually lacks them. Falls back to "python3" on PATH.
     */
    static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    /** Result of one peers.py call: parsed lines, or the reason there are none. */
    public record Run(List<PeerResult> results, String problem) {}

    public Run run(String caseName, List<String> args, long timeoutSeconds) {
        if (script == null) return new Run(List.of(), "peers.py not found (expected ../shared/bench/peers.py)");
        List<String> cmd = new ArrayList<>(List.of(python(), script.toString(), caseName, "--threads", Integer.toString(threads)));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false);
        pb.environment().put("OPENBLAS_NUM_THREADS", Integer.toString(threads));
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
        pb.environment().put("MKL_NUM_THREADS", Integer.toString(threads));
        try {
            Process p = pb.start();
            List<PeerResult> out = new ArrayList<>();
            StringBuilder err = new StringBuilder();
            Thread drain = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                    r.lines().forEach(l -> err.append(l).append('\n'));
                } catch (IOException ignored) {
                    // stderr is only used for the problem message
                }
            });
            drain.start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("{")) out.add(PeerResult.parse(MAPPER.readTree(line)));
                }
            }
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Run(out, "peers.py " + caseName + " timed out after " + timeoutSeconds + " s");
            }
            drain.join(1000);
            if (p.exitValue() != 0) {
                String[] lines = err.toString().strip().split("\n");
                return new Run(out, "peers.py " + caseName + " failed: " + lines[lines.length - 1]);
            }
            return new Run(out, null);
        } catch (IOException e) {
            return new Run(List.of(), "cannot run python3: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(List.of(), "interrupted");
        }
    }
}
