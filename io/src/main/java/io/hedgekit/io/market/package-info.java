/** Market data files: {@link io.hedgekit.io.market.MarketJson} reads and writes the kernels' market model as JSON. */
package io.hedgekit.io.market;
