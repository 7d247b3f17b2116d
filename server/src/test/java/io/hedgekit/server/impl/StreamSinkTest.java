package io.hedgekit.server.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hedgekit.server.ServiceException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/** Back-pressure of result streams: a batch is sent only when the transport is ready. */
class StreamSinkTest {
  private static final Schema SCHEMA = new Schema(List.of(
      new Field("x", FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null)));

  /** A listener whose readiness and cancellation the test sets, counting what was sent. */
  private static final class Listener implements ServerStreamListener {
    volatile boolean ready;
    volatile boolean cancelled;
    volatile Runnable onReady;
    volatile Runnable onCancel;
    final AtomicInteger sent = new AtomicInteger();
    VectorSchemaRoot root;

    void becomeReady() {
      ready = true;
      onReady.run();
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }

    @Override
    public void setOnCancelHandler(Runnable handler) {
      onCancel = handler;
    }

    @Override
    public boolean isReady() {
      return ready;
    }

    @Override
    public void setOnReadyHandler(Runnable handler) {
      onReady = handler;
    }

    @Override
    public void start(VectorSchemaRoot r, DictionaryProvider dictionaries, IpcOption option) {
      root = r;
    }

    @Override
    public void putNext() {
      assertEquals(3, root.getRowCount());
      assertEquals(2.0, ((Float8Vector) root.getVector("x")).get(2));
      sent.incrementAndGet();
    }

    @Override
    public void putNext(ArrowBuf metadata) {
      putNext();
    }

    @Override
    public void putMetadata(ArrowBuf metadata) {
    }

    @Override
    public void error(Throwable ex) {
    }

    @Override
    public void completed() {
    }
  }

  private static void send(StreamSink sink, BufferAllocator a) {
    try (VectorSchemaRoot batch = VectorSchemaRoot.create(SCHEMA, a)) {
      Float8Vector x = (Float8Vector) batch.getVector("x");
      x.allocateNew(3);
      for (int i = 0; i < 3; i++) {
        x.set(i, i);
      }
      batch.setRowCount(3);
      sink.accept(batch);
    }
  }

  @Test
  void accept_waitsUntilTheTransportIsReady() throws Exception {
    Listener l = new Listener();
    try (BufferAllocator a = new RootAllocator(); StreamSink sink = new StreamSink(l, a, 10_000)) {
      Thread later = new Thread(() -> {
        try {
          Thread.sleep(300);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        l.becomeReady();
      });
      long t0 = System.nanoTime();
      later.start();
      send(sink, a);
      long waited = (System.nanoTime() - t0) / 1_000_000;
      assertEquals(1, l.sent.get());
      assertTrue(waited >= 250, "sent after " + waited + " ms, before the transport was ready");
      send(sink, a); // ready now: no wait
      assertEquals(2, l.sent.get());
      later.join();
    }
  }

  @Test
  void accept_clientThatReadsNothing_isDroppedAfterTheStallLimit_withoutBuffering() {
    Listener l = new Listener();
    try (BufferAllocator a = new RootAllocator(); StreamSink sink = new StreamSink(l, a, 300)) {
      ServiceException e = assertThrows(ServiceException.class, () -> send(sink, a));
      assertEquals(ServiceException.Kind.RESOURCE_EXHAUSTED, e.kind());
      assertEquals("the client read no results for 0.3 s; the call was dropped", e.getMessage());
      assertEquals(0, l.sent.get());
    }
  }

  @Test
  void accept_cancelledWhileWaiting_stopsWithCancelled() throws Exception {
    Listener l = new Listener();
    try (BufferAllocator a = new RootAllocator(); StreamSink sink = new StreamSink(l, a, 10_000)) {
      Thread cancel = new Thread(() -> {
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        l.cancelled = true;
        l.onCancel.run();
      });
      cancel.start();
      ServiceException e = assertThrows(ServiceException.class, () -> send(sink, a));
      assertEquals(ServiceException.Kind.CANCELLED, e.kind());
      assertEquals(0, l.sent.get());
      cancel.join();
    }
  }
}
