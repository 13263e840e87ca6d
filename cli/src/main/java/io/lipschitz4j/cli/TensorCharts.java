package io.lipschitz4j.cli;

import java.util.Map;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.BoxChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The plots of {@code lipschitz tensor}: x–y series with their own x values (optionally log–log) and box
 * plots of samples per group. Kept apart from {@link Charts} so the tensor analyses do not grow the shared
 * chart helper.
 */
final class TensorCharts {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private TensorCharts() {}

    /** A named series: x and y of equal length; {@code points} draws markers only, else a line with markers. */
    record Series(double[] x, double[] y, boolean points) {
        static Series line(double[] x, double[] y) { return new Series(x, y, false); }
        static Series scatter(double[] x, double[] y) { return new Series(x, y, true); }
    }

    /**
     * Series against their own x values. Non-positive values are dropped from a log axis (XChart cannot
     * draw them), so a zero error does not break the plot.
     */
    static byte[] xy(String title, String xLabel, String yLabel, Map<String, Series> series, boolean logX, boolean logY) {
        XYChart chart = new XYChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        series.forEach((name, s) -> {
            int n = 0;
            double[] xs = new double[s.x().length], ys = new double[s.x().length];
            for (int i = 0; i < xs.length; i++) {
                double x = s.x()[i], y = s.y()[i];
                if (!Double.isFinite(x) || !Double.isFinite(y) || (logX && x <= 0) || (logY && y <= 0)) continue;
                xs[n] = x;
                ys[n++] = y;
            }
            if (n == 0) return;
            XYSeries xs1 = chart.addSeries(name, java.util.Arrays.copyOf(xs, n), java.util.Arrays.copyOf(ys, n));
            xs1.setMarker(SeriesMarkers.CIRCLE);
            if (s.points()) xs1.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        });
        if (chart.getSeriesMap().isEmpty()) chart.addSeries("(no positive values)", new double[] {1}, new double[] {1});
        return Charts.png(chart);
    }

    /** One box (median, quartiles, 1.5·IQR whiskers) per group, groups in map order. */
    static byte[] box(String title, String yLabel, Map<String, double[]> groups) {
        BoxChart chart = new BoxChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT).title(title).yAxisTitle(yLabel).build();
        chart.getStyler().setLegendVisible(false);
        groups.forEach((name, v) -> chart.addSeries(name, v.length == 0 ? new double[] {0} : v));
        return Charts.png(chart);
    }
}
