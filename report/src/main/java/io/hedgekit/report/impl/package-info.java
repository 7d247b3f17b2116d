/**
 * Private to the report module: number formats, the chart theme and chart builders (JFreeChart),
 * SVG rendering (Apache Batik) and HTML assembly. Not an API; may change without notice.
 */
package io.hedgekit.report.impl;
