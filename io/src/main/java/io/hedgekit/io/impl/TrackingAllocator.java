package io.hedgekit.io.impl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.arrow.memory.AllocationListener;
import org.apache.arrow.memory.AllocationReservation;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.BufferManager;
import org.apache.arrow.memory.ForeignAllocation;
import org.apache.arrow.memory.rounding.RoundingPolicy;

/**
 * The allocator handed to Arrow's IPC readers: every call goes to the caller's allocator, and the
 * buffers allocated since the last {@link #mark()} are remembered, so that after a failed read
 * (and after the reader is closed) {@link #releaseLeftovers()} frees what Arrow itself dropped.
 * Arrow 19's record batch decoder allocates a batch body and loses it when the batch metadata is
 * damaged (fuzzing found several such paths); without this, a bad file leaks off-heap memory.
 * {@link #close()} does nothing: the caller's allocator is the caller's.
 */
public final class TrackingAllocator implements BufferAllocator {
  private final BufferAllocator delegate;
  private final List<ArrowBuf> recent = new ArrayList<>();

  /** Wraps {@code delegate}. */
  public TrackingAllocator(BufferAllocator delegate) {
    this.delegate = delegate;
  }

  /** Forgets the buffers allocated so far: call before each read that may fail. */
  public void mark() {
    recent.clear();
  }

  /**
   * Releases every buffer allocated since {@link #mark()} that still holds references; call once
   * the failed read's reader is closed, so that nothing else still uses them.
   */
  public void releaseLeftovers() {
    for (ArrowBuf b : recent) {
      int refs = b.refCnt();
      if (refs > 0) {
        b.getReferenceManager().release(refs);
      }
    }
    recent.clear();
  }

  @Override
  public ArrowBuf buffer(long size) {
    ArrowBuf b = delegate.buffer(size);
    recent.add(b);
    return b;
  }

  @Override
  public ArrowBuf buffer(long size, BufferManager manager) {
    ArrowBuf b = delegate.buffer(size, manager);
    recent.add(b);
    return b;
  }

  @Override
  public BufferAllocator getRoot() {
    return delegate.getRoot();
  }

  @Override
  public BufferAllocator newChildAllocator(String name, long initReservation, long maxAllocation) {
    return delegate.newChildAllocator(name, initReservation, maxAllocation);
  }

  @Override
  public BufferAllocator newChildAllocator(String name, AllocationListener listener, long initReservation, long maxAllocation) {
    return delegate.newChildAllocator(name, listener, initReservation, maxAllocation);
  }

  @Override
  public void close() {
  }

  @Override
  public long getAllocatedMemory() {
    return delegate.getAllocatedMemory();
  }

  @Override
  public long getLimit() {
    return delegate.getLimit();
  }

  @Override
  public long getInitReservation() {
    return delegate.getInitReservation();
  }

  @Override
  public void setLimit(long newLimit) {
    delegate.setLimit(newLimit);
  }

  @Override
  public long getPeakMemoryAllocation() {
    return delegate.getPeakMemoryAllocation();
  }

  @Override
  public long getHeadroom() {
    return delegate.getHeadroom();
  }

  @Override
  public boolean forceAllocate(long size) {
    return delegate.forceAllocate(size);
  }

  @Override
  public void releaseBytes(long size) {
    delegate.releaseBytes(size);
  }

  @Override
  public AllocationListener getListener() {
    return delegate.getListener();
  }

  @Override
  public BufferAllocator getParentAllocator() {
    return delegate.getParentAllocator();
  }

  @Override
  public Collection<BufferAllocator> getChildAllocators() {
    return delegate.getChildAllocators();
  }

  @Override
  public AllocationReservation newReservation() {
    return delegate.newReservation();
  }

  @Override
  public ArrowBuf getEmpty() {
    return delegate.getEmpty();
  }

  @Override
  public String getName() {
    return delegate.getName();
  }

  @Override
  public boolean isOverLimit() {
    return delegate.isOverLimit();
  }

  @Override
  public String toVerboseString() {
    return delegate.toVerboseString();
  }

  @Override
  public void assertOpen() {
    delegate.assertOpen();
  }

  @Override
  public RoundingPolicy getRoundingPolicy() {
    return delegate.getRoundingPolicy();
  }

  @Override
  public ArrowBuf wrapForeignAllocation(ForeignAllocation allocation) {
    return delegate.wrapForeignAllocation(allocation);
  }
}
