package io.github.flare4j.cli;

import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.StreamFormat;
import io.github.flare4j.workersai.WorkersAIBuilder;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code flare4j emulator}: runs a local server that answers like Cloudflare's playground and
 * Workers AI until the process is stopped, printing {@code flare4j emulator listening on
 * http://host:port} once it listens, then one line with the test account to use with
 * {@code --provider workers-ai} (its token is the emulator's fixed test token, not a secret).
 * Point {@code chat} and {@code models} at it with {@code --base-url}.
 *
 * <p>{@code --challenge} puts every route behind Cloudflare's JavaScript challenge, which only a
 * browser passes ({@code chat} does with a headless Chromium); {@code --challenge-unpassable}
 * behind one that no browser passes (its page never sets the cookie), to see how a client fails;
 * {@code --browsers-only-sockets} refuses Agents WebSocket upgrades that do not look like a
 * browser's. Each adds one line after the account line saying it is on.
 */
@Command(
    name = "emulator",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs a local server that answers like Cloudflare's playground and Workers AI.",
      "It runs until stopped (Ctrl-C). Prints its address, then the test account for",
      "--provider workers-ai or openai (CLOUDFLARE_ACCOUNT_ID and CLOUDFLARE_API_TOKEN).",
      "Faults can be chosen per request with the " + Emulator.FAULT_HEADER + " header,"
          + " e.g. rate-limit, challenge, stall.",
      "Serves the Agents chat WebSocket (" + Emulator.AGENTS_PATH + "/NAME) and /api/inference."
    })
public final class EmulatorCommand implements Callable<Integer> {
  @ParentCommand
  Flare4jCli cli;

  @Spec
  CommandSpec spec;

  @Option(names = "--port", paramLabel = "N", defaultValue = "" + Emulator.DEFAULT_PORT,
      description = "The port to listen on; 0 for a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", paramLabel = "H", defaultValue = "127.0.0.1",
      description = "The address to listen on (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--format", paramLabel = "v4|v5", defaultValue = "v4",
      converter = Converters.Format.class,
      description = "The stream format of the replies (default: ${DEFAULT-VALUE}).")
  StreamFormat format;

  @Option(names = "--challenge",
      description = "Put every route, the WebSocket included, behind Cloudflare's JavaScript"
          + " challenge (\"Just a moment...\"): only a browser gets the cf_clearance cookie.")
  boolean challenge;

  @Option(names = "--challenge-unpassable",
      description = "Put every route behind a challenge that no browser passes, as when"
          + " Cloudflare's Turnstile refuses one: the 403 \"Just a moment...\" page never sets"
          + " cf_clearance.")
  boolean challengeUnpassable;

  @Option(names = "--browsers-only-sockets",
      description = "Refuse (HTTP 403) Agents WebSocket upgrades that do not look like a"
          + " browser's, as Cloudflare does: the client then runs the socket in Chromium.")
  boolean browsersOnlySockets;

  @Mixin
  DebugOption debug;

  /** Created by picocli, which then sets the options. */
  public EmulatorCommand() {}

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65_535) {
      throw new ParameterException(spec.commandLine(),
          "Invalid value for option '--port': must be from 0 to 65535, was " + port);
    }
    Emulator emulator;
    try {
      emulator = Emulator.builder().host(host).port(port).format(format)
          .challenge(challenge)
          .unpassableChallenge(challengeUnpassable)
          .browsersOnlySockets(browsersOnlySockets)
          .start();
    } catch (IllegalStateException e) {
      Throwable cause = e.getCause();
      throw new CliException(ExitCodes.NETWORK, e.getMessage()
          + (cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage()), e);
    }
    Thread stopper = new Thread(emulator::close, "flare4j-emulator-shutdown");
    Runtime.getRuntime().addShutdownHook(stopper);
    try {
      PrintWriter out = cli.context().out();
      out.println("flare4j emulator listening on " + emulator.baseUrl());
      // The emulator's fixed test token: not a secret, and what a user needs to reach it.
      out.println("flare4j emulator Workers AI account: " + WorkersAIBuilder.ACCOUNT_ID_ENV + "="
          + emulator.accountId() + " " + WorkersAIBuilder.API_TOKEN_ENV + "=" + emulator.apiToken()
          + " (with --provider workers-ai --base-url " + emulator.baseUrl() + ")");
      if (challengeUnpassable) {
        out.println("flare4j emulator challenge: on, unpassable (the challenge page never sets"
            + " cf_clearance)");
      } else if (challenge) {
        out.println("flare4j emulator challenge: on (a request needs the cf_clearance cookie a"
            + " browser gets from the challenge page)");
      }
      if (browsersOnlySockets) {
        out.println("flare4j emulator Agents sockets: browsers only (others get HTTP 403)");
      }
      out.flush();
      emulator.awaitTermination();
    } finally {
      emulator.close();
      try {
        Runtime.getRuntime().removeShutdownHook(stopper);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: it closes the emulator
      }
    }
    return ExitCodes.OK;
  }
}
