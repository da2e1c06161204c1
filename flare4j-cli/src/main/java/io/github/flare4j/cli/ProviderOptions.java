package io.github.flare4j.cli;

import io.github.flare4j.Flare4j;
import io.github.flare4j.cloudflare.Cloudflare;
import io.github.flare4j.provider.ChatProvider;
import io.github.flare4j.workersai.AiGateway;
import io.github.flare4j.workersai.WorkersAI;
import io.github.flare4j.workersai.WorkersAIBuilder;
import io.github.flare4j.workersai.WorkersAIOpenAI;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Which provider to use and its credentials: {@code --provider}, {@code --account-id},
 * {@code --gateway} and {@code --api-token-file}. Shared by {@code chat} and {@code models};
 * {@link #open} builds the chosen provider with the {@link ServiceOptions} of the same command.
 *
 * <p><b>Default provider.</b> {@code workers-ai} when both {@value WorkersAIBuilder#ACCOUNT_ID_ENV}
 * and {@value WorkersAIBuilder#API_TOKEN_ENV} are set (not blank) in the run's environment, else
 * {@code playground}.
 *
 * <p><b>The token</b> comes only from {@value WorkersAIBuilder#API_TOKEN_ENV} or from the file
 * named by {@code --api-token-file} (which wins when both are there); there is deliberately no
 * option that takes the token itself, since command-line arguments show in {@code ps} and shell
 * history. The token is never printed: messages about the file name the file, not its content.
 *
 * <p>Options one provider cannot take are usage errors naming the option, not silently ignored.
 */
public final class ProviderOptions {
  private static final System.Logger LOG = System.getLogger(ProviderOptions.class.getName());

  /** The most bytes a token file may have; a token is some 40 characters. */
  static final int MAX_TOKEN_FILE_BYTES = 16 * 1024;

  /** Created by picocli, which then sets the options. */
  public ProviderOptions() {}

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(names = "--provider", paramLabel = "NAME", converter = Converters.Provider.class,
      description = "Which service to use: " + ProviderKind.NAMES + ". playground: Cloudflare's"
          + " public playground, no account; workers-ai: Workers AI's REST API; openai: its"
          + " OpenAI-compatible endpoint. Default: workers-ai when " + WorkersAIBuilder.ACCOUNT_ID_ENV
          + " and " + WorkersAIBuilder.API_TOKEN_ENV + " are both set, else playground.")
  ProviderKind provider;

  @Option(names = "--account-id", paramLabel = "ID",
      description = "The Cloudflare account id for workers-ai and openai (env "
          + WorkersAIBuilder.ACCOUNT_ID_ENV + "; with --gateway, default: the gateway's account).")
  String accountId;

  @Option(names = "--api-token-file", paramLabel = "FILE",
      description = "Read the API token for workers-ai and openai from FILE (default: env "
          + WorkersAIBuilder.API_TOKEN_ENV + "). The token itself is never an option:"
          + " it would show in 'ps'.")
  Path apiTokenFile;

  @Option(names = "--gateway", paramLabel = "ACCOUNT/GATEWAY", converter = Converters.Gateway.class,
      description = "Send chat requests through this AI Gateway (workers-ai and openai);"
          + " with --base-url, the gateway is reached at that address too.")
  AiGateway gateway;

  /** The provider asked for, else the default for {@code env}. */
  ProviderKind kind(Map<String, String> env) {
    if (provider != null) {
      return provider;
    }
    return isSet(env.get(WorkersAIBuilder.ACCOUNT_ID_ENV)) && isSet(env.get(WorkersAIBuilder.API_TOKEN_ENV))
        ? ProviderKind.WORKERS_AI
        : ProviderKind.PLAYGROUND;
  }

  /** Builds the chosen provider, the playground with {@link PlaygroundSettings#DEFAULT}. */
  ChatProvider open(ServiceOptions service, Map<String, String> env) {
    return open(service, env, PlaygroundSettings.DEFAULT);
  }

  /**
   * Builds the chosen provider.
   *
   * @param playground how to reach the playground; unused by the other providers
   *
   * @throws ParameterException when an option does not fit the provider, the token file cannot be
   *     read, or the base URL is invalid
   * @throws CliException with {@link ExitCodes#AUTH} when Workers AI's account id or token is
   *     missing
   */
  ChatProvider open(ServiceOptions service, Map<String, String> env, PlaygroundSettings playground) {
    ProviderKind kind = kind(env);
    if (kind == ProviderKind.PLAYGROUND) {
      refuse(accountId != null, "--account-id", kind);
      refuse(apiTokenFile != null, "--api-token-file", kind);
      refuse(gateway != null, "--gateway", kind);
      Cloudflare cloudflare = service.cloudflare(
          service.client(env, playground.browser()), env, playground);
      LOG.log(Level.DEBUG, "provider {0}, cache folder {1}, transport {2}, browser {3}",
          cloudflare, cloudflare.cacheDirectory(), playground.transport().wireName(),
          !playground.browser() ? "off (--no-browser)"
              : service.browserWindow ? "on (windowed)" : "on (headless)");
      return cloudflare;
    }
    if (service.cacheDir != null) {
      throw usage("Option '--cache-dir' is for the playground's session cookies; --provider "
          + kind + " does not use it");
    }
    refuseOffPlayground(kind, service.browserWindow, "--browser-window");
    String account = isSet(accountId) ? accountId.strip() : value(env, WorkersAIBuilder.ACCOUNT_ID_ENV);
    String token = apiTokenFile != null ? tokenFromFile(apiTokenFile)
        : tokenFromEnvironment(env.get(WorkersAIBuilder.API_TOKEN_ENV));
    List<String> missing = new ArrayList<>();
    if (account == null && gateway == null) {
      missing.add("an account id (set " + WorkersAIBuilder.ACCOUNT_ID_ENV + " or give --account-id ID)");
    }
    if (token == null) {
      missing.add("an API token (set " + WorkersAIBuilder.API_TOKEN_ENV
          + " or give --api-token-file FILE)");
    }
    if (!missing.isEmpty()) {
      throw new CliException(ExitCodes.AUTH,
          "--provider " + kind + " needs " + String.join(" and ", missing), null);
    }
    Flare4j client = service.client(env, false); // the browser is the playground's only
    ChatProvider built = switch (kind) {
      case WORKERS_AI -> configure(WorkersAI.builder(), client, service, account, token).build();
      case OPENAI -> configure(WorkersAIOpenAI.builder(), client, service, account, token).build();
      case PLAYGROUND -> throw new IllegalStateException("handled above");
    };
    // toString shows the account, the URL and the gateway, never the token
    LOG.log(Level.DEBUG, "provider {0}", built);
    return built;
  }

  /**
   * For {@code serve}: every provider these options and {@code env} allow, by kind, in order: the
   * playground always (reached as {@code playground} says); Workers AI's REST API ({@code workers-ai}) and its OpenAI-compatible
   * endpoint ({@code openai}) when an account id (or {@code --gateway}) and a token are found.
   *
   * @throws ParameterException when the token file cannot be read or the base URL is invalid
   * @throws CliException with {@link ExitCodes#AUTH} when Workers AI was asked for ({@code
   *     --provider}, {@code --account-id}, {@code --api-token-file} or {@code --gateway}) but its
   *     account id or token is missing
   */
  Map<ProviderKind, ChatProvider> openAll(
      ServiceOptions service, Map<String, String> env, PlaygroundSettings playground) {
    Map<ProviderKind, ChatProvider> all = new java.util.LinkedHashMap<>();
    all.put(ProviderKind.PLAYGROUND, service.cloudflare(
        service.client(env, playground.browser()), env, playground));
    String account = isSet(accountId) ? accountId.strip() : value(env, WorkersAIBuilder.ACCOUNT_ID_ENV);
    String token = apiTokenFile != null ? tokenFromFile(apiTokenFile)
        : tokenFromEnvironment(env.get(WorkersAIBuilder.API_TOKEN_ENV));
    boolean asked = (provider != null && provider.needsAccount()) || accountId != null
        || apiTokenFile != null || gateway != null;
    if ((account != null || gateway != null) && token != null) {
      Flare4j client = service.client(env, false); // the browser is the playground's only
      all.put(ProviderKind.WORKERS_AI,
          configure(WorkersAI.builder(), client, service, account, token).build());
      all.put(ProviderKind.OPENAI,
          configure(WorkersAIOpenAI.builder(), client, service, account, token).build());
    } else if (asked) {
      List<String> missing = new ArrayList<>();
      if (account == null && gateway == null) {
        missing.add("an account id (set " + WorkersAIBuilder.ACCOUNT_ID_ENV + " or give --account-id ID)");
      }
      if (token == null) {
        missing.add("an API token (set " + WorkersAIBuilder.API_TOKEN_ENV
            + " or give --api-token-file FILE)");
      }
      throw new CliException(ExitCodes.AUTH, "Workers AI needs " + String.join(" and ", missing),
          null);
    }
    return all;
  }

  /** The provider asked for with {@code --provider}, or null. */
  ProviderKind asked() {
    return provider;
  }

  /**
   * Sets what both Workers AI builders share, from the run's {@code client} (timeouts, proxy) and
   * the options; {@code account} may be null with a gateway.
   */
  private <B extends WorkersAIBuilder<B>> B configure(
      B builder, Flare4j client, ServiceOptions service, String account, String token) {
    builder.client(client);
    String baseUrl = service.givenBaseUrl();
    try {
      if (baseUrl != null) {
        builder.baseUrl(baseUrl);
      }
    } catch (IllegalArgumentException e) {
      throw service.invalidBaseUrl(e);
    }
    AiGateway through = gateway;
    if (through != null && baseUrl != null) {
      try {
        // The emulator serves the gateway's routes at the same address as the API's.
        through = AiGateway.builder(gateway.accountId(), gateway.gatewayId())
            .baseUrl(baseUrl.strip())
            .build();
      } catch (IllegalArgumentException e) {
        throw service.invalidBaseUrl(e);
      }
    }
    if (account != null) {
      if (account.contains("/")) {
        throw usage("Invalid account id '" + account + "': it must not contain '/'");
      }
      builder.accountId(account);
    }
    return builder.apiToken(token)
        .gateway(through);
  }

  /**
   * The token in {@code file}, stripped. Every failure names the file and never its content.
   *
   * @throws ParameterException when the file is missing, unreadable, empty, or holds more than a
   *     token
   */
  private String tokenFromFile(Path file) {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_TOKEN_FILE_BYTES + 1);
    } catch (NoSuchFileException e) {
      throw badTokenFile(file, "no such file");
    } catch (AccessDeniedException e) {
      throw badTokenFile(file, "permission denied");
    } catch (FileSystemException e) {
      throw badTokenFile(file, e.getReason() == null ? "cannot read it" : e.getReason());
    } catch (IOException e) {
      // The JDK's messages about a file name the file or the failure, never what it holds.
      throw badTokenFile(file, e.getMessage() == null ? "cannot read it" : e.getMessage());
    }
    if (bytes.length > MAX_TOKEN_FILE_BYTES) {
      throw badTokenFile(file, "it is too large to hold a token");
    }
    String token = new String(bytes, StandardCharsets.UTF_8).strip();
    if (token.isEmpty()) {
      throw badTokenFile(file, "it is empty");
    }
    if (!isTokenText(token)) {
      throw badTokenFile(file,
          "it holds more than a token (spaces, several lines or non-ASCII characters)");
    }
    return token;
  }

  /** The token in the environment, stripped; null when not set. */
  private String tokenFromEnvironment(String value) {
    if (!isSet(value)) {
      return null;
    }
    String token = value.strip();
    if (!isTokenText(token)) {
      throw new CliException(ExitCodes.USAGE, WorkersAIBuilder.API_TOKEN_ENV
          + " holds more than a token (spaces, several lines or non-ASCII characters)", null);
    }
    return token;
  }

  private ParameterException badTokenFile(Path file, String reason) {
    return usage("Invalid value for option '--api-token-file': cannot use " + file + ": " + reason);
  }

  /** Visible ASCII only: what an HTTP header can carry as a bearer token. */
  private static boolean isTokenText(String token) {
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c <= ' ' || c > '~') {
        return false;
      }
    }
    return true;
  }

  private void refuse(boolean given, String option, ProviderKind kind) {
    if (given) {
      throw usage("Option '" + option + "' is for --provider workers-ai or openai, not " + kind
          + (provider == null ? " (the default when " + WorkersAIBuilder.ACCOUNT_ID_ENV + " and "
              + WorkersAIBuilder.API_TOKEN_ENV + " are not both set)" : ""));
    }
  }

  /**
   * A usage error for a {@code chat} option only the playground takes, when it was given to
   * another provider.
   *
   * @throws ParameterException when {@code given} and the provider is not the playground
   */
  void refuseOffPlayground(ProviderKind kind, boolean given, String option) {
    if (given && kind != ProviderKind.PLAYGROUND) {
      throw usage("Option '" + option + "' is for --provider playground, not " + kind
          + (provider == null ? " (the default when " + WorkersAIBuilder.ACCOUNT_ID_ENV + " and "
              + WorkersAIBuilder.API_TOKEN_ENV + " are both set)" : ""));
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(mixee.commandLine(), message);
  }

  private static String value(Map<String, String> env, String name) {
    String value = env.get(name);
    return isSet(value) ? value.strip() : null;
  }

  private static boolean isSet(String value) {
    return value != null && !value.isBlank();
  }
}
