package io.hedgekit.io.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hedgekit.kernels.InputException;
import io.hedgekit.io.market.MarketJson;
import io.hedgekit.kernels.market.MarketData;
import java.nio.file.Path;

/** Fuzzes the market JSON reader: a market, or an input error naming the file. */
class MarketJsonFuzzTest {

  @FuzzTest(maxExecutions = 5000, maxDuration = "2m")
  void read(byte[] bytes) {
    Path p = FuzzFiles.write("market.json", bytes);
    try {
      MarketData market = MarketJson.read(p);
      if (market.valuationTime() == null) {
        throw new AssertionError("a market without a valuation time");
      }
    } catch (InputException e) {
      FuzzFiles.namesTheInput(e, p);
    }
  }
}
