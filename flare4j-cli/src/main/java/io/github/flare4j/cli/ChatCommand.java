package io.github.flare4j.cli;

import io.github.flare4j.ChatRequest;
import io.github.flare4j.ChatStream;
import io.github.flare4j.ResponseItem;
import io.github.flare4j.error.ModelNotFoundException;
import io.github.flare4j.cloudflare.Cloudflare;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code flare4j chat [options] [PROMPT...]}: sends one prompt and streams the reply to standard
 * output as it arrives. Without a prompt, or with {@code -}, the prompt is all of standard input.
 *
 * <p>The words of the prompt are joined with spaces, so quoting is optional. {@code --model} is
 * checked before anything is sent: an alias or a known id is used as is, an unknown alias ends
 * with {@link ExitCodes#MODEL_NOT_FOUND} and the closest known names, and an unknown full id is
 * sent as given.
 */
@Command(
    name = "chat",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Sends a prompt and streams the reply to standard output as it arrives.",
      "Without PROMPT, or with '-', reads the prompt from standard input (until end of file)."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.LINE_OK, ExitCodes.LINE_INTERNAL, ExitCodes.LINE_USAGE, ExitCodes.LINE_AUTH,
      ExitCodes.LINE_RATE_LIMITED, ExitCodes.LINE_NETWORK, ExitCodes.LINE_PROTOCOL,
      ExitCodes.LINE_SERVICE, ExitCodes.LINE_MODEL_NOT_FOUND
    })
public final class ChatCommand implements Callable<Integer> {
  private static final System.Logger LOG = System.getLogger(ChatCommand.class.getName());

  /** Created by picocli, which then sets the options. */
  public ChatCommand() {}

  @ParentCommand
  Flare4jCli cli;

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "PROMPT", arity = "0..*",
      description = "The prompt (its words are joined with spaces); '-' or none reads standard input.")
  List<String> prompt = new ArrayList<>();

  @Option(names = {"-m", "--model"}, paramLabel = "MODEL",
      description = "The model: an alias (llama-3.3-70b, ...) or an id (@cf/...); see 'flare4j models'."
          + " Default: the playground's default model.")
  String model;

  @Option(names = "--system", paramLabel = "TEXT", description = "The system prompt.")
  String system;

  @Option(names = "--max-tokens", paramLabel = "N",
      defaultValue = "" + ChatRequest.DEFAULT_MAX_TOKENS,
      description = "The most tokens the reply may have (default: ${DEFAULT-VALUE}).")
  int maxTokens;

  @Option(names = "--timeout", paramLabel = "SECONDS", converter = Converters.Seconds.class,
      description = "The limit for the whole call, in seconds (default: 300).")
  Duration timeout;

  @Option(names = "--cookie", paramLabel = "NAME=VALUE", converter = Converters.CookieValue.class,
      description = "A cookie to send, e.g. a browser's cf_clearance (repeatable; never printed).")
  List<Cookie> cookies = new ArrayList<>();

  @Option(names = "--json",
      description = "Print NDJSON events (text, reasoning, tool_call, usage, finish), one per line.")
  boolean json;

  @Option(names = "--show-reasoning",
      description = "Print the model's reasoning to standard error (text mode).")
  boolean showReasoning;

  @Mixin
  ServiceOptions service;

  @Mixin
  DebugOption debug;

  @Override
  public Integer call() {
    CliContext context = cli.context();
    if (maxTokens < 1) {
      throw new ParameterException(spec.commandLine(),
          "Invalid value for option '--max-tokens': must be at least 1, was " + maxTokens);
    }
    String text = promptText(context);
    Cloudflare cloudflare = service.cloudflare(context.env());
    LOG.log(Level.DEBUG, "base URL {0}, cache folder {1}", cloudflare.url(),
        cloudflare.cacheDirectory());
    ChatRequest.Builder builder = ChatRequest.builder()
        .maxTokens(maxTokens)
        .proxy(service.proxy)
        .timeout(timeout == null ? ChatRequest.DEFAULT_TIMEOUT : timeout);
    if (model != null && !model.isBlank()) {
      builder.model(checkedModel(cloudflare, model));
    }
    if (system != null && !system.isBlank()) {
      builder.system(system);
    }
    cookies.forEach(cookie -> builder.cookie(cookie.name(), cookie.value()));
    ChatRequest request = builder.user(text).build();
    LOG.log(Level.DEBUG, "sending {0}", request); // toString shows no cookie value

    ReplyPrinter printer = json
        ? new JsonReplyPrinter(context.out())
        : new TextReplyPrinter(context.out(), context.err(), showReasoning, maxTokens);
    try (ChatStream stream = cloudflare.createAsyncGenerator(request)) {
      for (ResponseItem item : stream) {
        printer.item(item);
      }
    } catch (RuntimeException e) {
      printer.abort();
      throw e;
    }
    printer.finish();
    return ExitCodes.OK;
  }

  /**
   * An alias or a known id as the provider resolves it. A mistyped alias fails here, before
   * anything is sent ({@link ExitCodes#MODEL_NOT_FOUND}, with the closest names); a full id
   * ({@code @cf/...}) the list does not know is sent as given, as the seed does, since the list
   * may be stale or unavailable.
   */
  private static String checkedModel(Cloudflare cloudflare, String name) {
    try {
      return cloudflare.getModel(name);
    } catch (ModelNotFoundException e) {
      if (name.strip().startsWith("@")) {
        LOG.log(Level.DEBUG, "model {0} is not in the list; sending it as given", name);
        return name.strip();
      }
      throw e;
    }
  }

  /** The prompt from the arguments, or all of standard input for none or {@code -}. */
  private String promptText(CliContext context) {
    String text;
    String source;
    if (prompt.isEmpty() || prompt.equals(List.of("-"))) {
      source = "standard input";
      try {
        text = new String(context.in().readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the prompt from standard input", e);
      }
    } else {
      source = "PROMPT";
      text = String.join(" ", prompt);
    }
    text = text.stripTrailing();
    if (text.isBlank()) {
      throw new ParameterException(spec.commandLine(), "The prompt is empty (" + source
          + "): give it as an argument or on standard input");
    }
    return text;
  }
}
