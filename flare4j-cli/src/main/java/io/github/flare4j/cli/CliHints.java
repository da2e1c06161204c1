package io.github.flare4j.cli;

import java.util.Map;

/**
 * The library's messages speak to a program (a method, an option of the builder); on the command
 * line the same advice names the command or flag to use. Each library phrase below is replaced by
 * its CLI form, so the CLI's messages say what they said before the library stopped naming flags.
 */
final class CliHints {
  /** Library phrase to CLI phrase, applied in this order. */
  private static final Map<String, String> PHRASES = orderedPhrases();

  private CliHints() {}

  /** {@code message} with the library's advice put in the CLI's words. */
  static String apply(String message) {
    String text = message;
    for (Map.Entry<String, String> phrase : PHRASES.entrySet()) {
      text = text.replace(phrase.getKey(), phrase.getValue());
    }
    return text;
  }

  private static Map<String, String> orderedPhrases() {
    var phrases = new java.util.LinkedHashMap<String, String>();
    // ModelNotFoundException
    phrases.put("choose one the provider lists (getModels())",
        "list the models with 'flare4j models'");
    // RequestTimeoutException, Phase.TOTAL
    phrases.put("(raise the call's timeout if that is too short)", "(raise it with --timeout)");
    // the playground's prompt too large for the Agents socket
    phrases.put("(Transport.INFERENCE)", "(Transport.INFERENCE, --transport inference)");
    // a challenge the browser could not pass (flare4j-core)
    phrases.put("try a windowed (not headless) browser",
        "try the windowed browser (--browser-window)");
    // the same, said by flare4j-browser
    phrases.put("a windowed browser (ChromiumOptions.windowed(true))",
        "a windowed browser (ChromiumOptions.windowed(true), or --browser-window on the command"
            + " line)");
    phrases.put("send the cf_clearance cookie of a browser that passed it",
        "send the cf_clearance cookie of a browser that passed it (--cookie cf_clearance=VALUE"
            + " on the command line)");
    // a challenge without a browser
    phrases.put("send a browser's cf_clearance cookie", "send a browser's cf_clearance cookie with"
        + " --cookie");
    return java.util.Collections.unmodifiableMap(phrases);
  }
}
