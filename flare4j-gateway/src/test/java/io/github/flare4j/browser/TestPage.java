package io.github.flare4j.browser;

import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Test support for other modules: one page in a real headless Chromium, driven over the DevTools
 * protocol with flare4j-browser's own session (package-private there, hence this class in its
 * package): open a URL, type, press keys, evaluate, wait for a condition. Skips the test when there
 * is no Chromium, except on CI ({@code CI=true}), where that fails it.
 */
public final class TestPage implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(25);
  private final ChromiumSession session;

  private TestPage(ChromiumSession session) {
    this.session = session;
  }

  /** Starts headless Chromium with a blank page; everything done with it is bounded by {@code timeout}. */
  public static TestPage start(Duration timeout) {
    ChromiumLocator locator = ChromiumLocator.fromSystem();
    if (locator.find().isEmpty()) {
      if ("true".equals(System.getenv("CI"))) {
        Assertions.fail("CI=true but no Chromium was found; .ci/run installs it (apt-get install"
            + " chromium)");
      }
      Assumptions.abort("No Chromium found: " + ChromiumLocator.INSTALL_ADVICE);
    }
    ChromiumLauncher launcher =
        new ChromiumLauncher(locator, ChromiumOptions.DEFAULT, new OkHttpClient());
    return new TestPage(launcher.start(null, timeout));
  }

  /** Navigates and waits until the page has loaded. */
  public void open(String url) {
    session.openPastChallenge(url);
  }

  /** Evaluates a JavaScript expression (promises awaited) and returns its JSON-compatible value. */
  public Object evaluate(String expression) {
    return session.evaluate(expression);
  }

  /** Types text into the focused element, as an input method would. */
  public void type(String text) {
    session.page("Input.insertText", Map.of("text", text));
  }

  /** Presses and releases Enter on the focused element. */
  public void pressEnter() {
    key("Enter", "Enter", 13, "\r");
  }

  /** Presses and releases Escape. */
  public void pressEscape() {
    key("Escape", "Escape", 27, null);
  }

  private void key(String key, String code, int keyCode, String text) {
    Map<String, Object> down = new java.util.HashMap<>(Map.of("type", text == null ? "rawKeyDown"
        : "keyDown", "key", key, "code", code, "windowsVirtualKeyCode", keyCode,
        "nativeVirtualKeyCode", keyCode));
    if (text != null) {
      down.put("text", text);
      down.put("unmodifiedText", text);
    }
    session.page("Input.dispatchKeyEvent", down);
    session.page("Input.dispatchKeyEvent", Map.of("type", "keyUp", "key", key, "code", code,
        "windowsVirtualKeyCode", keyCode, "nativeVirtualKeyCode", keyCode));
  }

  /**
   * Evaluates {@code expression} until its value satisfies {@code condition}, and returns that
   * value; fails with the last value seen when {@code deadline} passes first.
   */
  public Object await(String expression, Predicate<Object> condition, Duration deadline) {
    long until = System.nanoTime() + deadline.toNanos();
    Object last;
    while (true) {
      last = evaluate(expression);
      if (condition.test(last)) {
        return last;
      }
      if (System.nanoTime() - until > 0) {
        throw new AssertionError("Waited " + deadline + " for a condition on `" + expression
            + "`; it was last " + last);
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted while waiting on the page", e);
      }
    }
  }

  @Override
  public void close() {
    session.close();
  }
}
