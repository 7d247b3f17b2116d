/**
 * The HTML risk report: a plain, validated input model ({@link io.hedgekit.report.ReportData} and
 * its sections), the Greeks bucketing that feeds it ({@link io.hedgekit.report.GreekBuckets},
 * {@link io.hedgekit.report.BookGreeks}) and {@link io.hedgekit.report.ReportWriter}, which writes
 * one self-contained HTML file with inline SVG charts.
 *
 * <p>Units in this package are desk units unless a name says otherwise: USD for values and P&amp;L,
 * dollar delta (delta × spot, USD), gamma per 1% spot move (change of delta, coins), vega per vol
 * point (USD per 0.01 of vol), theta per calendar day (USD).
 */
package io.hedgekit.report;
