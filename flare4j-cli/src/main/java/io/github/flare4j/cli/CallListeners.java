package io.github.flare4j.cli;

import io.github.flare4j.CallListener;
import io.github.flare4j.CallProgress;
import io.github.flare4j.Usage;
import io.github.flare4j.error.Flare4jException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Several listeners as one: each event goes to each, in order. */
final class CallListeners implements CallListener {
  private final List<CallListener> listeners;

  CallListeners(List<CallListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  @Override
  public void callStart(String provider, String model) {
    listeners.forEach(l -> l.callStart(provider, model));
  }

  @Override
  public void attemptStart(int attempt) {
    listeners.forEach(l -> l.attemptStart(attempt));
  }

  @Override
  public void retry(int attempt, String reason, Duration delay) {
    listeners.forEach(l -> l.retry(attempt, reason, delay));
  }

  @Override
  public void progress(CallProgress progress) {
    listeners.forEach(l -> l.progress(progress));
  }

  @Override
  public void firstByte(String endpoint, Duration sinceStart) {
    listeners.forEach(l -> l.firstByte(endpoint, sinceStart));
  }

  @Override
  public void firstToken(Duration sinceStart) {
    listeners.forEach(l -> l.firstToken(sinceStart));
  }

  @Override
  public void callEnd(Optional<Usage> usage, Duration sinceStart) {
    listeners.forEach(l -> l.callEnd(usage, sinceStart));
  }

  @Override
  public void callFailed(Flare4jException error, Duration sinceStart) {
    listeners.forEach(l -> l.callFailed(error, sinceStart));
  }

  @Override
  public void callCancelled(Duration sinceStart) {
    listeners.forEach(l -> l.callCancelled(sinceStart));
  }
}
