package io.hedgekit.server.impl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hedgekit.server.ComputeService;
import io.hedgekit.server.ServerOptions;
import io.hedgekit.server.ServiceException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.ActionType;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.Criteria;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightProducer;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The Flight methods of {@code hedgekit serve} (protocol in docs/flight.md): DoExchange greeks
 * over a streamed book, DoPut of named books and scenario sets, DoAction for markets, drop and
 * health, DoGet of greeks/var/stress on stored names, ListFlights/GetFlightInfo of what is stored.
 * Every failure reaches the client as a Flight status with a message naming what to fix.
 * Thread-safe: Flight calls it from many threads.
 */
public final class HedgekitProducer implements FlightProducer, AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> EXCHANGE_KEYS = Set.of("op", "market", "allow_expired");
  private static final Set<String> TICKET_KEYS = Set.of("op", "book", "market", "scenarios", "confidence", "method", "top",
      "step", "netting", "spot_moves", "vol_moves", "allow_expired");

  private final ComputeService service;
  private final ServerOptions options;
  private final BufferAllocator allocator;
  private final BufferAllocator storeAllocator;
  private final Store store;
  private final Workers workers;
  private final AtomicLong requestIds = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong cancellations = new AtomicLong();
  private final AtomicLong positions = new AtomicLong();
  /**
   * Recent valid exchange commands, parsed, by their text: a client that sends the same market
   * with every book pays for parsing it once.
   */
  private final java.util.Map<String, Exchange> recentCommands = java.util.Collections.synchronizedMap(
      new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, Exchange> eldest) {
          return size() > 16;
        }
      });

  /**
   * @param allocator the server's allocator; requests and stored data take children of it
   */
  public HedgekitProducer(ComputeService service, ServerOptions options, BufferAllocator allocator) {
    this.service = service;
    this.options = options;
    this.allocator = allocator;
    this.storeAllocator = allocator.newChildAllocator("store", 0, Long.MAX_VALUE);
    this.store = new Store(options.maxStoredBytes());
    this.workers = new Workers(options.workers(), options.maxQueued(), options.queueMillis());
  }

  /** Calls being served now. */
  public int inFlight() {
    return inFlight.get();
  }

  // ------------------------------------------------------------------ DoExchange

  @Override
  public void doExchange(CallContext context, FlightStream reader, ServerStreamListener writer) {
    serve(context, writer::error, () -> {
      FlightDescriptor d = reader.getDescriptor();
      if (!d.isCommand()) {
        throw invalid("DoExchange needs a command descriptor whose bytes are JSON {\"op\": \"greeks\", \"market\": {...}}");
      }
      String key = new String(d.getCommand(), java.nio.charset.StandardCharsets.UTF_8);
      Exchange x = recentCommands.get(key);
      if (x == null) {
        x = parseExchange(d.getCommand());
        recentCommands.put(key, x);
      }
      ComputeService.Market m = x.market();
      boolean allowExpired = x.allowExpired();
      try (Workers.Permit p = workers.acquire();
          BufferAllocator a = requestAllocator();
          FlightStreamReader in = new FlightStreamReader(reader, a, options.maxRows(), "book");
          StreamSink sink = new StreamSink(writer, a, options.stallMillis())) {
        long n = service.greeks(in, "book", m, allowExpired, options.maxRows(), a, sink);
        sink.finish(service.greeksSchema());
        positions.addAndGet(n);
      }
    });
  }

  private record Exchange(ComputeService.Market market, boolean allowExpired) {
  }

  private Exchange parseExchange(byte[] command) throws IOException {
    JsonNode cmd = object(command, "exchange command", EXCHANGE_KEYS);
    String op = text(cmd, "op", "exchange command");
    if (!op.equals("greeks")) {
      throw invalid("exchange command: op must be \"greeks\", was \"" + op + "\"");
    }
    JsonNode market = cmd.get("market");
    if (market == null || !market.isObject()) {
      throw invalid("exchange command: \"market\" must be a market JSON object, as in market files");
    }
    return new Exchange(service.market(JSON.writeValueAsBytes(market), "market"), cmd.path("allow_expired").asBoolean(false));
  }

  // ------------------------------------------------------------------ DoPut

  @Override
  public Runnable acceptPut(CallContext context, FlightStream stream, StreamListener<PutResult> ack) {
    return () -> serve(context, ack::onError, () -> {
      FlightDescriptor d = stream.getDescriptor();
      List<String> path = d.isCommand() ? List.of() : d.getPath();
      if (path.size() != 2 || !(path.get(0).equals("books") || path.get(0).equals("scenarios"))) {
        throw invalid("DoPut needs a path descriptor [\"books\", NAME] or [\"scenarios\", NAME], was "
            + (d.isCommand() ? "a command" : path));
      }
      String kind = path.get(0);
      String name = path.get(1);
      Store.checkName(kind, name);
      String key = kind + "/" + name;
      try (Workers.Permit p = workers.acquire();
          BufferAllocator a = requestAllocator();
          FlightStreamReader in = new FlightStreamReader(stream, a, options.maxRows(), key)) {
        Store.Entry entry;
        if (kind.equals("books")) {
          long free = store.free();
          if (free <= 0) {
            throw store.full(key, 1);
          }
          ComputeService.Book book;
          try {
            book = service.storeBook(in, key, storeAllocator, free, options.maxRows());
          } catch (OutOfMemoryException e) {
            throw store.full(key, free + 1);
          }
          entry = new Store.Entry(kind, name, book, book.bytes(), book.rows(), book.schema());
        } else {
          ComputeService.Scenarios s = service.storeScenarios(in, key, options.maxRows());
          entry = new Store.Entry(kind, name, s, s.bytes(), s.rows(), s.schema());
        }
        try {
          store.put(entry);
        } catch (RuntimeException e) {
          entry.release();
          throw e;
        }
        ack.onCompleted();
      }
    });
  }

  // ------------------------------------------------------------------ DoGet

  @Override
  public void getStream(CallContext context, Ticket ticket, ServerStreamListener listener) {
    serve(context, listener::error, () -> {
      JsonNode t = object(ticket.getBytes(), "ticket", TICKET_KEYS);
      String op = text(t, "op", "ticket");
      if (!List.of("greeks", "var", "stress").contains(op)) {
        throw invalid("ticket: op must be \"greeks\", \"var\" or \"stress\", was \"" + op + "\"");
      }
      boolean allowExpired = t.path("allow_expired").asBoolean(false);
      try (Store.Lease book = store.lease("books", text(t, "book", "ticket"));
          Store.Lease market = store.lease("markets", text(t, "market", "ticket"));
          Store.Lease scenarios = op.equals("var") ? store.lease("scenarios", text(t, "scenarios", "ticket")) : null;
          Workers.Permit p = workers.acquire();
          BufferAllocator a = requestAllocator();
          StreamSink sink = new StreamSink(listener, a, options.stallMillis())) {
        ComputeService.Book b = book.value(ComputeService.Book.class);
        ComputeService.Market m = market.value(ComputeService.Market.class);
        switch (op) {
          case "greeks" -> {
            positions.addAndGet(service.greeks(b, m, allowExpired, a, sink));
            sink.finish(service.greeksSchema());
          }
          case "var" -> {
            ComputeService.VarQuery q = new ComputeService.VarQuery(doubles(t, "confidence"),
                t.has("method") ? text(t, "method", "ticket") : "both", t.path("top").asInt(10),
                t.has("step") ? Integer.valueOf(t.get("step").asInt()) : null, t.path("netting").asBoolean(true));
            service.var(b, m, scenarios.value(ComputeService.Scenarios.class), q, allowExpired, a, sink);
            positions.addAndGet(b.rows());
            sink.finish(new Schema(List.of()));
          }
          default -> {
            List<Double> spot = doubles(t, "spot_moves");
            List<Double> vol = doubles(t, "vol_moves");
            service.stress(b, m, new ComputeService.StressQuery(array(spot), array(vol)), allowExpired, a, sink);
            positions.addAndGet(b.rows());
            sink.finish(new Schema(List.of()));
          }
        }
      }
    });
  }

  // ------------------------------------------------------------------ DoAction

  @Override
  public void doAction(CallContext context, Action action, StreamListener<Result> listener) {
    serve(context, listener::onError, () -> {
      byte[] body = action.getBody() == null ? new byte[0] : action.getBody();
      ObjectNode reply = JSON.createObjectNode();
      switch (action.getType()) {
        case "put-market" -> {
          JsonNode b = object(body, "put-market body", Set.of("name", "market"));
          String name = text(b, "name", "put-market body");
          Store.checkName("markets", name);
          JsonNode market = b.get("market");
          if (market == null || !market.isObject()) {
            throw invalid("put-market body: \"market\" must be a market JSON object, as in market files");
          }
          byte[] json = JSON.writeValueAsBytes(market);
          ComputeService.Market m = service.market(json, "markets/" + name);
          store.put(new Store.Entry("markets", name, m, json.length, -1, null));
          describe(reply, "markets/" + name, m);
        }
        case "update-market" -> {
          JsonNode b = object(body, "update-market body", Set.of("name", "update"));
          String name = text(b, "name", "update-market body");
          JsonNode update = b.get("update");
          if (update == null || !update.isObject()) {
            throw invalid("update-market body: \"update\" must be an update object {\"time\": ..., \"underlying\": ..., "
                + "\"spot\": ..., \"vol_shift\": ...}");
          }
          byte[] json = JSON.writeValueAsBytes(update);
          Store.Entry next = store.update("markets", name, old -> new Store.Entry("markets", name,
              service.update((ComputeService.Market) old.value, json, "markets/" + name + " update"), old.bytes, -1, null));
          describe(reply, "markets/" + name, (ComputeService.Market) next.value);
        }
        case "drop" -> {
          JsonNode b = object(body, "drop body", Set.of("kind", "name"));
          String kind = text(b, "kind", "drop body");
          String name = text(b, "name", "drop body");
          store.drop(kind, name);
          reply.put("dropped", kind + "/" + name);
        }
        case "health" -> health(reply);
        default -> throw invalid("unknown action '" + action.getType() + "'; actions are put-market, update-market, drop, health");
      }
      listener.onNext(new Result(JSON.writeValueAsBytes(reply)));
      listener.onCompleted();
    });
  }

  private static void describe(ObjectNode reply, String key, ComputeService.Market m) {
    reply.put("stored", key);
    reply.put("valuation_time", m.valuationTime());
    ArrayNode us = reply.putArray("underlyings");
    m.underlyings().forEach(us::add);
    reply.put("updates", m.updates());
  }

  private void health(ObjectNode reply) {
    reply.put("status", "ok");
    reply.put("version", service.version());
    reply.put("backend", service.backend());
    reply.put("backend_reason", service.backendReason());
    reply.put("workers", options.workers());
    reply.put("active_workers", workers.active());
    reply.put("in_flight", inFlight.get() - 1); // not counting this call
    reply.put("stored_bytes", store.bytes());
    reply.put("max_stored_bytes", store.maxBytes());
    reply.put("entries", store.list().size());
    reply.put("calls", calls.get());
    reply.put("failed_calls", failures.get());
    reply.put("cancelled_calls", cancellations.get());
    reply.put("positions_served", positions.get());
    reply.put("off_heap_bytes", allocator.getAllocatedMemory());
    Runtime rt = Runtime.getRuntime();
    reply.put("heap_used_bytes", rt.totalMemory() - rt.freeMemory());
  }

  @Override
  public void listActions(CallContext context, StreamListener<ActionType> listener) {
    listener.onNext(new ActionType("put-market", "store a market: {\"name\": N, \"market\": {market JSON}}"));
    listener.onNext(new ActionType("update-market",
        "apply an intraday update: {\"name\": N, \"update\": {\"time\", \"underlying\", \"spot\", \"vol_shift\"}}"));
    listener.onNext(new ActionType("drop", "remove an entry: {\"kind\": books|scenarios|markets, \"name\": N}"));
    listener.onNext(new ActionType("health", "version, backend and load"));
    listener.onCompleted();
  }

  // ------------------------------------------------------------------ ListFlights / GetFlightInfo

  @Override
  public void listFlights(CallContext context, Criteria criteria, StreamListener<FlightInfo> listener) {
    serve(context, listener::onError, () -> {
      for (Store.Entry e : store.list()) {
        listener.onNext(info(e));
      }
      listener.onCompleted();
    });
  }

  @Override
  public FlightInfo getFlightInfo(CallContext context, FlightDescriptor descriptor) {
    try {
      List<String> path = descriptor.isCommand() ? List.of() : descriptor.getPath();
      if (path.size() != 2) {
        throw invalid("GetFlightInfo needs a path descriptor [KIND, NAME], KIND one of " + Store.KINDS);
      }
      try (Store.Lease l = store.lease(path.get(0), path.get(1))) {
        return info(l.entry);
      }
    } catch (Throwable t) {
      throw status(t);
    }
  }

  private static FlightInfo info(Store.Entry e) {
    Schema schema = e.schema == null ? new Schema(List.of()) : e.schema;
    return new FlightInfo(schema, FlightDescriptor.path(e.kind, e.name), List.of(), e.bytes, e.rows);
  }

  // ------------------------------------------------------------------ plumbing

  private interface Body {
    void run() throws Exception;
  }

  /**
   * Runs one call: counts it, and sends any failure to {@code onError} as a Flight status. A
   * failure after the client cancelled counts as a cancellation, whatever the status it surfaced as.
   */
  private void serve(CallContext context, java.util.function.Consumer<Throwable> onError, Body body) {
    inFlight.incrementAndGet();
    calls.incrementAndGet();
    try {
      body.run();
    } catch (Throwable t) {
      FlightRuntimeException f = status(t);
      if (f.status().code() == CallStatus.CANCELLED.code() || context.isCancelled()) {
        cancellations.incrementAndGet();
      } else {
        failures.incrementAndGet();
      }
      try {
        onError.accept(f);
      } catch (RuntimeException ignored) {
        // the call is already closed (client gone)
      }
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private BufferAllocator requestAllocator() {
    return allocator.newChildAllocator("request-" + requestIds.incrementAndGet(), 0, Long.MAX_VALUE);
  }

  /** Any failure as the Flight status a client should see. */
  static FlightRuntimeException status(Throwable t) {
    if (t instanceof FlightRuntimeException f) {
      return f;
    }
    if (t instanceof ServiceException s) {
      CallStatus c = switch (s.kind()) {
        case INVALID_ARGUMENT -> CallStatus.INVALID_ARGUMENT;
        case RESOURCE_EXHAUSTED -> CallStatus.RESOURCE_EXHAUSTED;
        case NOT_FOUND -> CallStatus.NOT_FOUND;
        case CANCELLED -> CallStatus.CANCELLED;
      };
      return c.withDescription(s.getMessage()).withCause(s).toRuntimeException();
    }
    if (t instanceof IllegalArgumentException || t instanceof IOException) {
      return CallStatus.INVALID_ARGUMENT.withDescription(t.getMessage()).withCause(t).toRuntimeException();
    }
    if (t instanceof OutOfMemoryException) {
      return CallStatus.RESOURCE_EXHAUSTED.withDescription("out of off-heap memory: " + t.getMessage()).withCause(t)
          .toRuntimeException();
    }
    return CallStatus.INTERNAL.withDescription("internal error: " + t + " (please report it)").withCause(t)
        .toRuntimeException();
  }

  private static ServiceException invalid(String message) {
    return new ServiceException(ServiceException.Kind.INVALID_ARGUMENT, message);
  }

  private static JsonNode object(byte[] bytes, String what, Set<String> keys) {
    JsonNode n;
    try {
      n = JSON.readTree(bytes);
    } catch (IOException e) {
      throw invalid(what + ": malformed JSON: " + e.getMessage());
    }
    if (n == null || !n.isObject()) {
      throw invalid(what + ": must be a JSON object");
    }
    for (var it = n.fieldNames(); it.hasNext();) {
      String k = it.next();
      if (!keys.contains(k)) {
        throw invalid(what + ": unknown key \"" + k + "\" (known: " + new java.util.TreeSet<>(keys) + ")");
      }
    }
    return n;
  }

  private static String text(JsonNode n, String key, String what) {
    JsonNode v = n.get(key);
    if (v == null || !v.isTextual()) {
      throw invalid(what + ": \"" + key + "\" is required (a string)" + (v == null ? "" : ", was " + v));
    }
    return v.asText();
  }

  private static List<Double> doubles(JsonNode n, String key) {
    JsonNode v = n.get(key);
    if (v == null) {
      return null;
    }
    if (!v.isArray() || v.isEmpty()) {
      throw invalid("ticket: \"" + key + "\" must be a non-empty array of numbers, was " + v);
    }
    List<Double> out = new ArrayList<>();
    for (JsonNode x : v) {
      if (!x.isNumber()) {
        throw invalid("ticket: \"" + key + "\" must hold numbers, found " + x);
      }
      out.add(x.asDouble());
    }
    return out;
  }

  private static double[] array(List<Double> v) {
    return v == null ? null : v.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Frees everything stored. */
  @Override
  public void close() {
    store.clear();
    storeAllocator.close();
  }
}
