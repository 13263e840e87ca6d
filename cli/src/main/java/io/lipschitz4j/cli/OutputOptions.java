package io.lipschitz4j.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command shares: machine output and the report directory. */
final class OutputOptions {
    @Option(names = "--json", description = "Print the result as JSON on stdout (for scripts).")
    boolean json;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write a report to DIR: index.html (self-contained), report.json, CSV tables and PNG plots.")
    Path out;
}
