package io.hedgekit.server;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.AsyncPutListener;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.auth2.BearerCredentialWriter;
import org.apache.arrow.flight.grpc.CredentialCallOption;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;

/**
 * The Java client of docs/flight.md: Greeks over a streamed book, then a stored book, scenario
 * set and market, and VaR on them. Args: HOST PORT BOOK.arrow MARKET.json SCENARIOS.arrow
 * [TOKEN]. FlightClientExampleTest runs it, so the documented code compiles and works.
 */
public final class FlightClientExample {
  private FlightClientExample() {
  }

  public static void main(String[] args) throws Exception {
    Location server = Location.forGrpcInsecure(args[0], Integer.parseInt(args[1]));
    Path book = Path.of(args[2]);
    String market = Files.readString(Path.of(args[3]));
    Path scenarios = Path.of(args[4]);
    CallOption[] auth = args.length > 5
        ? new CallOption[] {new CredentialCallOption(new BearerCredentialWriter(args[5]))} : new CallOption[0];

    try (BufferAllocator allocator = new RootAllocator();
        FlightClient client = FlightClient.builder(allocator, server).build()) {

      // 1. Greeks of a book streamed through the server: write batches on this thread, read
      //    results on another, so a book of any size flows through in bounded memory.
      byte[] command = ("{\"op\": \"greeks\", \"market\": " + market + "}").getBytes(StandardCharsets.UTF_8);
      try (ArrowFileReader in = new ArrowFileReader(FileChannel.open(book, StandardOpenOption.READ), allocator);
          FlightClient.ExchangeReaderWriter exchange = client.doExchange(FlightDescriptor.command(command), auth)) {
        CompletableFuture<double[]> sums = CompletableFuture.supplyAsync(() -> {
          FlightStream results = exchange.getReader();
          double value = 0;
          long rows = 0;
          while (results.next()) {
            Float8Vector v = (Float8Vector) results.getRoot().getVector("value");
            for (int i = 0; i < v.getValueCount(); i++) {
              value += v.get(i);
            }
            rows += v.getValueCount();
          }
          return new double[] {rows, value};
        });
        exchange.getWriter().start(in.getVectorSchemaRoot());
        while (in.loadNextBatch()) {
          exchange.getWriter().putNext();
        }
        exchange.getWriter().completed();
        double[] r = sums.join();
        System.out.printf("greeks: %d positions, book value %.2f USD%n", (long) r[0], r[1]);
      }

      // 2. Store the book and the scenario set (DoPut) and the market (an action).
      put(client, book, FlightDescriptor.path("books", "desk"), allocator, auth);
      put(client, scenarios, FlightDescriptor.path("scenarios", "mc"), allocator, auth);
      action(client, "put-market", "{\"name\": \"eod\", \"market\": " + market + "}", auth);
      for (FlightInfo info : client.listFlights(org.apache.arrow.flight.Criteria.ALL, auth)) {
        System.out.printf("stored: %s, %d rows, %d bytes%n", String.join("/", info.getDescriptor().getPath()),
            info.getRecords(), info.getBytes());
      }

      // 3. VaR/ES on the stored names (DoGet); the table's first rows are the figures.
      String ticket = "{\"op\": \"var\", \"book\": \"desk\", \"market\": \"eod\", \"scenarios\": \"mc\","
          + " \"confidence\": [0.99, 0.975], \"method\": \"full\"}";
      try (FlightStream var = client.getStream(new Ticket(ticket.getBytes(StandardCharsets.UTF_8)), auth)) {
        while (var.next()) {
          VectorSchemaRoot t = var.getRoot();
          for (int i = 0; i < t.getRowCount(); i++) {
            String type = new String(((VarCharVector) t.getVector("row_type")).get(i), StandardCharsets.UTF_8);
            if (type.equals("figure")) {
              System.out.printf("var: %.1f%% VaR %.2f ES %.2f USD%n", 100 * ((Float8Vector) t.getVector("confidence")).get(i),
                  ((Float8Vector) t.getVector("var")).get(i), ((Float8Vector) t.getVector("es")).get(i));
            }
          }
        }
      }
      System.out.println("health: " + action(client, "health", "", auth));
    }
  }

  /** Uploads an Arrow IPC file batch by batch. */
  static void put(FlightClient client, Path file, FlightDescriptor where, BufferAllocator allocator, CallOption... auth)
      throws Exception {
    try (ArrowFileReader in = new ArrowFileReader(FileChannel.open(file, StandardOpenOption.READ), allocator)) {
      FlightClient.ClientStreamListener writer = client.startPut(where, in.getVectorSchemaRoot(), new AsyncPutListener(), auth);
      while (in.loadNextBatch()) {
        writer.putNext();
      }
      writer.completed();
      writer.getResult(); // throws the server's error, e.g. INVALID_ARGUMENT naming a bad row
    }
  }

  /** Runs an action and returns its JSON answer. */
  static String action(FlightClient client, String type, String body, CallOption... auth) {
    Iterator<Result> results = client.doAction(new Action(type, body.getBytes(StandardCharsets.UTF_8)), auth);
    String answer = new String(results.next().getBody(), StandardCharsets.UTF_8);
    results.forEachRemaining(r -> { });
    return answer;
  }
}
