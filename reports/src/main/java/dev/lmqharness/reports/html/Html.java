package dev.lmqharness.reports.html;

/** Escaping and the shared page frame of the generated pages (no scripts needed to read them). */
public final class Html {

    private Html() {
    }

    public static String esc(Object o) {
        if (o == null) {
            return "";
        }
        String s = o.toString();
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A whole page: title, the shared style sheet inline, an optional extra style, the body. */
    public static String page(String title, String extraCss, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + esc(title) + "</title>\n<style>\n" + CSS + (extraCss == null ? "" : extraCss)
                + "</style>\n</head>\n<body>\n" + body + "\n</body>\n</html>\n";
    }

    private static final String CSS = """
            body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 1.5rem; color: #222; }
            h1 { font-size: 1.5rem; margin: 0 0 .3rem 0; }
            h2 { font-size: 1.2rem; margin-top: 2rem; }
            p.meta { color: #666; margin-top: 0; }
            table { border-collapse: collapse; font-size: .85rem; }
            th, td { border: 1px solid #ddd; padding: .25rem .5rem; text-align: left; vertical-align: top; }
            th { background: #f4f4f4; position: sticky; top: 0; }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
            a { color: #0b5cad; }
            .v-pass { background: #d8f0d8; color: #165016; }
            .v-fail { background: #f7c9c9; color: #7a0f0f; font-weight: bold; }
            .v-skip { background: #fff1c2; color: #6b5200; }
            .v-not-run, .v-not-covered, .v-absent { background: #eee; color: #777; }
            .v-broken { background: #fbd9b5; color: #7a3b00; font-weight: bold; }
            td.cell { text-align: center; white-space: nowrap; }
            td.cell a { color: inherit; text-decoration: none; display: block; }
            tr.area th { background: #e8eef6; text-align: left; }
            .muted { color: #777; }
            nav a { margin-right: 1rem; }
            """;
}
