package io.hedgekit.examples.embedding;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hedgekit.kernels.scenario.ScenarioSet;
import io.hedgekit.risk.engine.Book;
import io.hedgekit.risk.engine.GreeksRequest;
import io.hedgekit.risk.engine.GreeksResult;
import io.hedgekit.risk.engine.Market;
import io.hedgekit.risk.engine.ResolvedPositions;
import io.hedgekit.risk.engine.RiskEngine;
import io.hedgekit.risk.engine.VarRequest;
import io.hedgekit.risk.var.VarMethod;
import io.hedgekit.risk.var.VarResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * hedgekit embedded in an application: loads a book, a market and a scenario set through the
 * engine API, resolves the book once, computes Greeks and full-revaluation VaR/ES from 8 threads
 * at once, checks the 8 answers are identical and prints one JSON object:
 * <pre>{"positions": N, "greeks": {"BTC": {"value": ..., "delta": ..., "gamma": ..., "vega": ..., "theta": ...}, ...},
 *  "var": {"confidence": 0.99, "var": ..., "es": ...}}</pre>
 * Greeks are the per-position values of {@code hedgekit greeks} summed (value USD, delta coins,
 * gamma per USD, vega per 1.00 of vol, theta per year); VaR/ES are full revaluation at 99%, as
 * {@code hedgekit var}. The backend is {@code auto} unless {@code -Dhedgekit.backend=NAME}; the
 * engine's choice goes to stderr.
 *
 * <p>Usage: {@code java <flags> -jar embedding-example.jar BOOK MARKET SCENARIOS}
 */
public final class EmbeddingExample {
  private static final int THREADS = 8;
  private static final double CONFIDENCE = 0.99;

  private EmbeddingExample() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: java -jar embedding-example.jar BOOK MARKET SCENARIOS");
      System.exit(2);
    }
    try (RiskEngine engine = RiskEngine.builder().backend(System.getProperty("hedgekit.backend", "auto")).build()) {
      System.err.println(engine.backendReason());
      Book book = engine.readBook(Path.of(args[0]));
      Market market = Market.read(Path.of(args[1]));
      ScenarioSet scenarios = engine.readScenarios(Path.of(args[2]));
      try (ResolvedPositions resolved = engine.resolve(book, market);
          ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
        List<Future<String>> answers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          answers.add(pool.submit(() -> answer(engine, resolved, scenarios)));
        }
        String first = answers.get(0).get();
        for (int t = 1; t < THREADS; t++) {
          String other = answers.get(t).get();
          if (!other.equals(first)) {
            System.err.println("thread " + t + " disagrees with thread 0:\n" + other + "\n" + first);
            System.exit(1);
          }
        }
        System.out.println(first);
      }
    }
  }

  /** One thread's work: Greeks sums and full-revaluation VaR/ES, as the JSON line. */
  private static String answer(RiskEngine engine, ResolvedPositions book, ScenarioSet scenarios) {
    GreeksResult g = engine.greeks(book, GreeksRequest.sums());
    VarResult v = engine.var(book, scenarios, VarRequest.fullRevaluation(CONFIDENCE)).result();
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    root.put("positions", g.positions());
    ObjectNode greeks = root.putObject("greeks");
    for (String u : g.underlyings()) {
      ObjectNode n = greeks.putObject(u);
      for (String column : List.of("value", "delta", "gamma", "vega", "theta")) {
        n.put(column, g.sum(u, column));
      }
    }
    ObjectNode var = root.putObject("var");
    var.put("confidence", CONFIDENCE);
    var.put("var", v.figure(VarMethod.FULL, CONFIDENCE).var());
    var.put("es", v.figure(VarMethod.FULL, CONFIDENCE).es());
    return root.toString();
  }
}
