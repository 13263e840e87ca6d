package io.lipschitz4j.cli;

import java.util.function.Consumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on stderr (stdout stays clean for --json), with rate and ETA. */
final class Progress implements AutoCloseable {
    private final ProgressBar bar;

    Progress(String task, long max) {
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(500).showSpeed().build();
    }

    /** A callback that moves the bar to "n done". */
    Consumer<Integer> stepTo() { return n -> bar.stepTo(n); }

    /** Moves the bar to "n done" and shows {@code extra} after it (e.g. loss and accuracy). */
    void update(long n, String extra) {
        bar.stepTo(n);
        bar.setExtraMessage(extra);
    }

    @Override public void close() { bar.close(); }
}
