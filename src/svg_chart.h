/*
 * svg_chart.h - small inline SVG bar charts for the QC report.
 *
 * Public functions:
 *     bs_svg_bar_chart
 *
 * A report a person can read offline needs charts without a JavaScript
 * framework or a CDN; a bar chart is a few rectangles, so it is written
 * directly as SVG markup into the HTML.
 */
#ifndef BS_SVG_CHART_H
#define BS_SVG_CHART_H

#include <stddef.h>

#include "strbuf.h"

/* Append an SVG bar chart to sb: n bars of values[i] (>= 0) labelled
 * labels[i] (may be NULL), titled title; bars whose highlight[i] is
 * non-zero are drawn in the warning colour (highlight may be NULL). */
void bs_svg_bar_chart(bs_strbuf *sb, const char *title, const double *values,
                      const char *const *labels, const int *highlight, size_t n);

#endif
