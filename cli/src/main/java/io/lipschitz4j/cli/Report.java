package io.lipschitz4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A report directory: {@code report.json}, CSV tables, PNG plots, and {@code index.html} that shows the
 * summary and embeds the plots (self-contained: it can be mailed as one file). Every file is written
 * atomically.
 */
public final class Report {
    private final String title;
    private final ObjectNode json;
    private final Map<String, String> csv = new LinkedHashMap<>();
    private final Map<String, byte[]> pngs = new LinkedHashMap<>();
    private final Map<String, String> summary = new LinkedHashMap<>();
    private final List<String> tables = new ArrayList<>();

    public Report(String title, ObjectNode json) {
        this.title = title;
        this.json = json;
    }

    public Report summary(String key, String value) {
        summary.put(key, value);
        return this;
    }

    /** An HTML table shown after the summary; cells are escaped; numeric-looking cells are right-aligned. */
    public Report table(String caption, List<String> header, List<List<String>> rows) {
        StringBuilder t = new StringBuilder("<h2>").append(esc(caption)).append("</h2><table><tr>");
        header.forEach(h -> t.append("<th>").append(esc(h)).append("</th>"));
        t.append("</tr>");
        for (List<String> row : rows) {
            t.append("<tr>");
            row.forEach(c -> t.append(c.matches("[-+0-9.eE∞]+") ? "<td class=\"v\">" : "<td>").append(esc(c)).append("</td>"));
            t.append("</tr>");
        }
        tables.add(t.append("</table>").toString());
        return this;
    }

    public Report csv(String name, String content) {
        csv.put(name, content);
        return this;
    }

    public Report png(String name, String caption, byte[] bytes) {
        pngs.put(name + "\u0000" + caption, bytes);
        return this;
    }

    /** Writes everything under dir and returns the path of index.html. */
    public Path writeTo(Path dir) {
        AtomicFiles.writeString(dir.resolve("report.json"), Json.write(json));
        csv.forEach((name, content) -> AtomicFiles.writeString(dir.resolve(name), content));
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").append(esc(title)).append("</title>")
                .append("<style>body{font-family:sans-serif;max-width:900px;margin:2em auto;color:#222}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 10px;text-align:left}")
                .append("td.v{font-family:monospace;text-align:right}img{max-width:100%}</style></head><body>")
                .append("<h1>").append(esc(title)).append("</h1><table>");
        summary.forEach((k, v) -> html.append("<tr><th>").append(esc(k)).append("</th><td class=\"v\">").append(esc(v)).append("</td></tr>"));
        html.append("</table>");
        tables.forEach(html::append);
        pngs.forEach((key, bytes) -> {
            String[] parts = key.split("\u0000", 2);
            AtomicFiles.write(dir.resolve(parts[0]), bytes);
            html.append("<figure><img alt=\"").append(esc(parts[1])).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(bytes)).append("\"><figcaption>").append(esc(parts[1]))
                    .append("</figcaption></figure>");
        });
        html.append("<p>Files: report.json");
        csv.keySet().forEach(n -> html.append(", ").append(esc(n)));
        html.append("</p></body></html>\n");
        Path index = dir.resolve("index.html");
        AtomicFiles.write(index, html.toString().getBytes(StandardCharsets.UTF_8));
        return index;
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
