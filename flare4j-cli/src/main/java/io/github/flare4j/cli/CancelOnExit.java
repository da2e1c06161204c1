package io.github.flare4j.cli;

import io.github.flare4j.ChatStream;

/**
 * Closes a running {@link ChatStream} when the process is asked to exit (Ctrl-C, SIGTERM), so the
 * call is cancelled rather than cut: the HTTP connection is closed and an Agents turn gets its
 * {@code cf_agent_chat_request_cancel}, instead of the service generating on for nobody. What the
 * reply's printer holds back (it flushes only when nothing more has arrived) is written out then, so
 * text that arrived before the exit is not lost. Closing this removes the hook.
 */
final class CancelOnExit implements AutoCloseable {
  private final Thread hook;

  private CancelOnExit(Thread hook) {
    this.hook = hook;
  }

  /** Registers a shutdown hook that closes {@code stream}, then runs {@code flush}. */
  static CancelOnExit register(ChatStream stream, Runnable flush) {
    Thread hook = new Thread(() -> {
      stream.close();
      flush.run();
    }, "flare4j-cancel-on-exit");
    try {
      Runtime.getRuntime().addShutdownHook(hook);
    } catch (IllegalStateException alreadyExiting) {
      stream.close();
    }
    return new CancelOnExit(hook);
  }

  /** Removes the hook; the stream is closed by its own owner. */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException alreadyExiting) {
      // the hook runs or ran: nothing to undo
    }
  }
}
