package io.lipschitz4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the CLI in-process with captured stdout and stderr. */
record CliRun(int exit, String out, String err) {
    static synchronized CliRun of(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Lipschitz.commandLine().setOut(new java.io.PrintWriter(System.out, true))
                    .setErr(new java.io.PrintWriter(System.err, true)).execute(args);
            return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** Asserts a user error: exit code 1, exactly one "lipschitz:" line holding every fragment, no stack trace. */
    static void assertUserError(CliRun r, String... fragments) {
        assertThat(r.exit()).as("exit code; stderr was: %s", r.err()).isEqualTo(1);
        String line = r.errorLines();
        assertThat(line.lines().count()).as(r.err()).isEqualTo(1);
        for (String f : fragments) assertThat(line).contains(f);
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    /** stderr without progress-bar lines. */
    String errorLines() {
        return err.lines().filter(l -> l.startsWith("lipschitz:")).reduce("", (a, b) -> a + b + "\n");
    }
}
