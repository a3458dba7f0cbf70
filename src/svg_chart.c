/*
 * svg_chart.c - inline SVG bar charts; see svg_chart.h.
 */
#include "svg_chart.h"

#include "xml_escape.h"

/* Chart geometry in CSS pixels: wide enough for 10-30 bars with labels,
 * small enough to sit beside a table. */
#define CHART_WIDTH 480
#define CHART_HEIGHT 160
#define CHART_MARGIN_TOP 24
#define CHART_MARGIN_BOTTOM 24
#define CHART_MARGIN_SIDE 8

void bs_svg_bar_chart(bs_strbuf *sb, const char *title, const double *values,
                      const char *const *labels, const int *highlight, size_t n)
{
    double max = 0;
    for (size_t i = 0; i < n; i++)
        if (values[i] > max)
            max = values[i];
    int plot_h = CHART_HEIGHT - CHART_MARGIN_TOP - CHART_MARGIN_BOTTOM;
    double slot = n ? (double)(CHART_WIDTH - 2 * CHART_MARGIN_SIDE) / (double)n : 0;
    bs_strbuf_addf(sb, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
                       "height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"",
                   CHART_WIDTH, CHART_HEIGHT, CHART_WIDTH, CHART_HEIGHT);
    bs_xml_escape(sb, title, 1);
    bs_strbuf_addstr(sb, "\"><text x=\"8\" y=\"16\" class=\"chart-title\">");
    bs_xml_escape(sb, title, 0);
    bs_strbuf_addstr(sb, "</text>");
    for (size_t i = 0; i < n; i++) {
        double h = max > 0 ? values[i] / max * plot_h : 0;
        double x = CHART_MARGIN_SIDE + slot * (double)i + slot * 0.1;
        double y = CHART_MARGIN_TOP + plot_h - h;
        bs_strbuf_addf(sb, "<rect class=\"bar%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\">"
                           "<title>",
                       highlight && highlight[i] ? " warn" : "", x, y, slot * 0.8, h);
        if (labels && labels[i])
            bs_xml_escape(sb, labels[i], 0);
        bs_strbuf_addf(sb, ": %g</title></rect>", values[i]);
        if (labels && labels[i]) {
            bs_strbuf_addf(sb, "<text class=\"bar-label\" x=\"%.1f\" y=\"%d\">", x + slot * 0.4,
                           CHART_HEIGHT - 8);
            bs_xml_escape(sb, labels[i], 0);
            bs_strbuf_addstr(sb, "</text>");
        }
    }
    bs_strbuf_addstr(sb, "</svg>\n");
}
