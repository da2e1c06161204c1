package io.github.flare4j.bench.run;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** The report's PNG plots, drawn with XChart. */
final class Charts {

    private static final Color FLOOR = new Color(0x9e, 0x9e, 0x9e);
    private static final Color FLARE4J = new Color(0xf3, 0x80, 0x20);
    private static final Color OPENAI = new Color(0x3b, 0x6e, 0xa5);

    private Charts() {
    }

    /** Tokens per second of one long reply, per format: floor, flare4j, openai-java. */
    static void throughput(Map<Wire, List<Throughput.Result>> results, Path png) throws IOException {
        CategoryChart chart = chart("Tokens per second, one reply of many tokens (higher is better)", "format",
                "tokens/s");
        List<String> formats = new ArrayList<>();
        for (Wire wire : results.keySet()) {
            formats.add(shortName(wire));
        }
        for (String contender : List.of("floor", "flare4j", "openai-java")) {
            List<Double> means = new ArrayList<>();
            List<Double> sds = new ArrayList<>();
            for (List<Throughput.Result> rs : results.values()) {
                Throughput.Result r = rs.stream().filter(x -> x.contender().equals(contender)).findFirst().orElse(null);
                means.add(r == null ? 0.0 : r.tokensPerSecond().mean());
                sds.add(r == null ? 0.0 : r.tokensPerSecond().sd());
            }
            chart.addSeries(contender, formats, means, sds).setFillColor(color(contender));
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** One value of the concurrency runs per size, flare4j beside openai-java. */
    static void concurrency(List<Concurrency.Result> results, String title, String yTitle,
            java.util.function.ToDoubleFunction<Concurrency.Result> value, Path png) throws IOException {
        CategoryChart chart = chart(title, "concurrent streams of 200 tokens", yTitle);
        for (String client : List.of("flare4j", "openai-java")) {
            List<String> sizes = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (Concurrency.Result r : results) {
                if (r.client().equals(client)) {
                    sizes.add(String.format("%,d", r.streams()));
                    double v = value.applyAsDouble(r);
                    values.add(Double.isNaN(v) || !r.allReceived() ? 0.0 : v);
                }
            }
            if (!sizes.isEmpty()) {
                chart.addSeries(client, sizes, values).setFillColor(color(client));
            }
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** Cold start of each command, in milliseconds. */
    static void coldStart(List<ColdStart.Result> results, Path png) throws IOException {
        CategoryChart chart = chart("Cold start, wall time (lower is better)", "command", "ms");
        List<String> names = results.stream().map(ColdStart.Result::name).toList();
        List<Double> means = results.stream().map(r -> r.millis().mean()).toList();
        List<Double> sds = results.stream().map(r -> r.millis().sd()).toList();
        chart.addSeries("mean ± sd", names, means, sds).setFillColor(FLARE4J);
        chart.getStyler().setLegendVisible(false);
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** The long stream to a file, the CLI beside curl, in milliseconds. */
    static void cliStream(List<CliStream.Result> results, Path png) throws IOException {
        CategoryChart chart = chart("A long reply streamed to a file, wall time (lower is better)", "command", "ms");
        List<String> names = results.stream().map(CliStream.Result::name).toList();
        List<Double> means = results.stream().map(r -> r.millis().mean()).toList();
        List<Double> sds = results.stream().map(r -> r.millis().sd()).toList();
        chart.addSeries("mean ± sd", names, means, sds).setFillColor(FLARE4J);
        chart.getStyler().setLegendVisible(false);
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static CategoryChart chart(String title, String xTitle, String yTitle) {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(480).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        Styler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.InsideNW);
        styler.setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setAvailableSpaceFill(0.8);
        chart.getStyler().setOverlapped(false);
        chart.getStyler().setYAxisDecimalPattern("#,###");
        return chart;
    }

    private static Color color(String contender) {
        return switch (contender) {
            case "floor" -> FLOOR;
            case "flare4j" -> FLARE4J;
            default -> OPENAI;
        };
    }

    static String shortName(Wire wire) {
        return switch (wire) {
            case V4 -> "playground v4";
            case V5 -> "playground v5";
            case REST -> "Workers AI REST";
            case OPENAI -> "OpenAI-compatible";
            case AGENTS -> "Agents socket";
        };
    }
}
