package io.github.flare4j.cli;

import io.github.flare4j.cloudflare.Transport;
import java.util.ArrayList;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * How the playground is reached: {@code --transport} and {@code --no-browser}, declared once here
 * and mixed into every command that talks to the playground ({@code chat}, {@code models},
 * {@code serve}, {@code doctor}), so that they take the same words with the same meaning.
 * {@link #settings} turns them into the {@link PlaygroundSettings} a provider is built with.
 */
public final class PlaygroundOptions {
  /** Created by picocli, which then sets the options. */
  public PlaygroundOptions() {}

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(names = "--transport", paramLabel = "auto|agents|inference",
      completionCandidates = TransportNames.class,
      converter = Converters.TransportName.class,
      description = "How to reach the playground: agents (its chat WebSocket, what the web app"
          + " speaks today), inference (POST /api/inference, the older endpoint), or auto: the one"
          + " that worked last, else agents, else inference (default: auto).")
  Transport transport;

  @Option(names = "--no-browser",
      description = "Never start a headless Chromium for the playground: a Cloudflare challenge"
          + " then fails (exit code 3) instead of being passed, and only the default headers are"
          + " sent.")
  boolean noBrowser;

  /** The transport asked for, else {@link Transport#AUTO}. */
  Transport transport() {
    return transport == null ? Transport.AUTO : transport;
  }

  /** Whether {@code --transport} was given. */
  boolean transportGiven() {
    return transport != null;
  }

  /** The settings these options make. */
  PlaygroundSettings settings() {
    return new PlaygroundSettings(transport(), !noBrowser);
  }

  /**
   * Refuses what does not fit together: these options with a provider that is not the playground,
   * and {@code --no-browser} with {@code --browser-window}.
   *
   * @param kind the provider the command will use; null when the command serves every provider
   * @throws ParameterException naming the options
   */
  void check(ProviderOptions providers, ProviderKind kind, ServiceOptions service) {
    if (kind != null) {
      providers.refuseOffPlayground(kind, transport != null, "--transport");
      providers.refuseOffPlayground(kind, noBrowser, "--no-browser");
    }
    if (noBrowser && service.browserWindow) {
      throw new ParameterException(mixee.commandLine(), "Options '--browser-window' and"
          + " '--no-browser' cannot be used together: the first runs the browser in a window, the"
          + " second runs none");
    }
  }

  /** The names {@code --transport} takes, for shell completion. */
  static final class TransportNames extends ArrayList<String> {
    TransportNames() {
      super(java.util.Arrays.stream(Transport.values()).map(Transport::wireName).toList());
    }
  }
}
