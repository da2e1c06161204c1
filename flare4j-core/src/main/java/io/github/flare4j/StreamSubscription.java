package io.github.flare4j;

import java.util.Iterator;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Delivers a {@link ChatStream}'s items to one {@link Flow.Subscriber}, reading from the
 * connection on a virtual thread only while the subscriber has demand.
 */
final class StreamSubscription implements Flow.Subscription {
  private final ChatStream stream;
  private final Flow.Subscriber<? super ResponseItem> subscriber;
  private final AtomicLong demand = new AtomicLong();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition demandArrived = lock.newCondition();
  private volatile boolean cancelled;

  StreamSubscription(ChatStream stream, Flow.Subscriber<? super ResponseItem> subscriber) {
    this.stream = stream;
    this.subscriber = subscriber;
  }

  void start() {
    Iterator<ResponseItem> items;
    try {
      items = stream.iterator();
    } catch (IllegalStateException e) {
      subscriber.onSubscribe(this);
      subscriber.onError(e);
      return;
    }
    subscriber.onSubscribe(this);
    Thread.ofVirtual().name("flare4j-publisher").start(() -> pump(items));
  }

  private void pump(Iterator<ResponseItem> items) {
    try {
      while (!cancelled) {
        if (!awaitDemand()) {
          return;
        }
        if (!items.hasNext()) {
          if (!cancelled) {
            subscriber.onComplete();
          }
          return;
        }
        ResponseItem item = items.next();
        demand.decrementAndGet();
        subscriber.onNext(item);
      }
    } catch (RuntimeException e) {
      if (!cancelled) {
        subscriber.onError(e);
      }
    } finally {
      stream.close();
    }
  }

  private boolean awaitDemand() {
    lock.lock();
    try {
      while (demand.get() <= 0 && !cancelled) {
        demandArrived.await();
      }
      return !cancelled;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void request(long n) {
    if (n <= 0) {
      cancel();
      subscriber.onError(new IllegalArgumentException("request(n) needs n > 0 (Reactive Streams §3.9)"));
      return;
    }
    demand.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
    signal();
  }

  @Override
  public void cancel() {
    cancelled = true;
    stream.close();
    signal();
  }

  private void signal() {
    lock.lock();
    try {
      demandArrived.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
