/**
 * The {@code lipschitz} command line (picocli): one class per subcommand, plus the report writer
 * (JSON, CSV, PNG plots with XChart, a self-contained HTML page) and atomic file output.
 * Exit codes: 0 ok, 1 user error (bad file, bad argument) with a one-line message, 2 internal error.
 */
package io.lipschitz4j.cli;
