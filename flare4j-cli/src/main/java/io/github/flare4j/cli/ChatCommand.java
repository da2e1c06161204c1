package io.github.flare4j.cli;

import io.github.flare4j.CallListener;
import io.github.flare4j.CallOptions;
import io.github.flare4j.ChatRequest;
import io.github.flare4j.ChatStream;
import io.github.flare4j.ImagePart;
import io.github.flare4j.Message;
import io.github.flare4j.ResponseInfo;
import io.github.flare4j.ResponseItem;
import io.github.flare4j.browser.ChromiumLocator;
import io.github.flare4j.cloudflare.Transport;
import io.github.flare4j.error.CloudflareChallengeException;
import io.github.flare4j.provider.ChatProvider;
import io.github.flare4j.provider.Feature;
import io.github.flare4j.workersai.AiGateway;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
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
 * <p>The provider is the playground or Workers AI ({@link ProviderOptions}); every provider is
 * used through the same interfaces, so the output is the same whatever answers.
 *
 * <p>The words of the prompt are joined with spaces, so quoting is optional. {@code --model} is
 * resolved by the library's one rule ({@link ChatProvider#getModel}) before the prompt is sent:
 * an id as given, an alias its target, another name the one listed model whose id ends in it; a
 * name that matches none or several ends with {@link ExitCodes#MODEL_NOT_FOUND} naming the
 * closest or the candidates, and an unknown full id is sent as given (Workers AI then answers
 * that it does not know it: exit code 8 as well).
 *
 * <p>The playground is reached over {@code --transport} ({@code auto} by default: the Agents
 * WebSocket the playground's web app speaks today, else {@code /api/inference}), with a headless
 * Chromium ({@code flare4j-browser}) to pass Cloudflare's challenge unless {@code --no-browser}.
 * Chromium is found through the run's environment ({@value ChromiumLocator#ENV_VARIABLE}, else
 * {@code PATH}); without it the default headers are sent and a challenge ends with
 * {@link ExitCodes#AUTH} and how to install it. {@code --browser-window} runs it in a window
 * (off screen) on {@code DISPLAY}, or on an Xvfb it starts, for sites whose Turnstile refuses
 * headless browsers. Each Chromium (and Xvfb) started is stopped before the command returns.
 *
 * <p>With {@code --json}, a reply that went through AI Gateway starts with one event
 * {@code {"type":"gateway","cache_status":"MISS","log_id":"..."}} (see {@link JsonReplyPrinter}).
 */
@Command(
    name = "chat",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Sends a prompt and streams the reply to standard output as it arrives.",
      "Without PROMPT, or with '-', reads the prompt from standard input (until end of file).",
      "Uses Cloudflare's playground, or Workers AI with an account (--provider).",
      "The playground's challenge is passed with a headless Chromium when one is installed."
    },
    footerHeading = "%nEnvironment:%n",
    footer = {
      "  " + Environment.ACCOUNT_LINE,
      "  " + Environment.TOKEN_LINE,
      "  " + Environment.DEFAULT_LINE,
      "  " + Environment.BASE_URL_LINE,
      "  " + Environment.CACHE_DIR_LINE,
      "  " + Environment.CHROMIUM_LINE,
      "  " + Environment.CHROMIUM_PATH_LINE,
      "  " + Environment.DISPLAY_LINE
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.LINE_OK, ExitCodes.LINE_INTERNAL, ExitCodes.LINE_USAGE, ExitCodes.LINE_AUTH,
      ExitCodes.LINE_RATE_LIMITED, ExitCodes.LINE_NETWORK, ExitCodes.LINE_PROTOCOL,
      ExitCodes.LINE_SERVICE, ExitCodes.LINE_MODEL_NOT_FOUND, ExitCodes.LINE_OUTPUT_CLOSED
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
      description = "The model: an id (@cf/...), an alias (llama-3.3-70b, ...), or the end of a"
          + " listed id (glm-5.2, deepseek-v4-flash); see 'flare4j models'."
          + " Default: the provider's default model.")
  String model;

  @Option(names = "--system", paramLabel = "TEXT", description = "The system prompt.")
  String system;

  @Option(names = "--max-tokens", paramLabel = "N",
      description = "The most tokens the reply may have (default: the service's). The"
          + " playground's chat agent has no such setting: over its socket flare4j cuts the reply"
          + " itself, at an estimate of 4 characters a token.")
  Integer maxTokens;

  @Option(names = "--temperature", paramLabel = "T",
      description = "Sampling temperature (default: the model's; on the playground, the agent's"
          + " own, and not over --transport inference).")
  Double temperature;

  @Option(names = "--top-p", paramLabel = "P",
      description = "Nucleus sampling (workers-ai and openai; default: the model's).")
  Double topP;

  @Option(names = "--seed", paramLabel = "N",
      description = "A seed for reproducible replies (workers-ai and openai).")
  Long seed;

  @Option(names = "--stop", paramLabel = "TEXT",
      description = "A stop sequence: the reply ends before it (repeatable, at most 4; openai"
          + " only: Workers AI's REST schemas have no stop).")
  List<String> stop = new ArrayList<>();

  @Option(names = "--image", paramLabel = "FILE",
      description = "An image to send with the prompt: PNG, JPEG, GIF or WebP, at most 10 MiB"
          + " (repeatable; workers-ai and openai, with a vision model such as llama-4-scout).")
  List<Path> images = new ArrayList<>();

  @Option(names = "--reject-if-busy",
      description = "Fail at once (exit code 4) instead of waiting in the service's queue when the"
          + " model is busy (workers-ai and openai).")
  boolean rejectIfBusy;

  @Option(names = "--cookie", paramLabel = "NAME=VALUE", converter = Converters.CookieValue.class,
      description = "A cookie to send, e.g. a browser's cf_clearance (repeatable; never printed).")
  List<Cookie> cookies = new ArrayList<>();

  @Option(names = "--json",
      description = "Print NDJSON events (gateway, text, reasoning, tool_call, usage, finish),"
          + " one per line.")
  boolean json;

  @Option(names = "--stats",
      description = "After the reply, print on standard error the time to the first token, the"
          + " whole time, tokens per second, the usage and the retries.")
  boolean showStats;

  @Option(names = "--show-reasoning",
      description = "Print the model's reasoning to standard error (text mode).")
  boolean showReasoning;

  @Mixin
  ProviderOptions providerOptions;

  @Mixin
  ServiceOptions service;

  @Mixin
  PlaygroundOptions playgroundOptions;

  @Mixin
  CallLimits limits;

  @Mixin
  DebugOption debug;

  @Override
  public Integer call() {
    CliContext context = cli.context();
    if (maxTokens != null && maxTokens < 1) {
      throw new ParameterException(spec.commandLine(),
          "Invalid value for option '--max-tokens': must be at least 1, was " + maxTokens);
    }
    limits.check(spec);
    ProviderKind kind = providerOptions.kind(context.env());
    playgroundOptions.check(providerOptions, kind, service);
    providerOptions.refuseOffPlayground(kind, service.browserWindow, "--browser-window");
    if (prompt.isEmpty() && !json && InteractiveChat.stdinIsTerminal(context)) {
      return interactive(context);
    }
    String text = promptText(context);
    List<ImagePart> imageParts = images.stream().map(ImageFile::read).toList();
    PlaygroundSettings playground = playgroundOptions.settings();
    ChatProvider provider = providerOptions.open(service, context.env(), playground);
    ChatRequest asked;
    try {
      ChatRequest.Builder builder = ChatRequest.builder()
          .temperature(temperature)
          .topP(topP)
          .seed(seed)
          .stop(stop)
          .rejectIfBusy(rejectIfBusy);
      if (maxTokens != null) {
        builder.maxTokens(maxTokens);
      }
      if (system != null && !system.isBlank()) {
        builder.system(system);
      }
      asked = builder.message(Message.user(text, imageParts)).build();
    } catch (IllegalArgumentException outOfRange) {
      throw invalidOption(outOfRange);
    }
    refuseUnsupported(provider, asked);
    // The provider resolves the name by the library's one rule before anything is sent.
    ChatRequest request = model == null || model.isBlank() ? asked
        : asked.toBuilder().model(model).build();
    CallStats stats = new CallStats();
    // progress on a terminal's standard error until the first token (Spinner)
    Spinner spinner = new Spinner(context.err(), Spinner.wanted(context.env()));
    CallOptions.Builder call = limits.callOptions(service.proxy, context.err(), debug.debug, stats,
        spinner);
    cookies.forEach(cookie -> call.cookie(cookie.name(), cookie.value()));
    CallOptions options = call.build();
    LOG.log(Level.DEBUG, "sending {0} with {1}", request, options); // no cookie value in either

    ReplyPrinter printer = json
        ? new JsonReplyPrinter(context.out())
        : new TextReplyPrinter(context.out(), context.err(), showReasoning, maxTokens);
    spinner.start();
    try (ChatStream stream = provider.stream(request, options);
        CancelOnExit cancel = CancelOnExit.register(stream, printer::flush)) {
      boolean first = true;
      for (ResponseItem item : stream) {
        if (first) {
          first = false;
          spinner.stop(); // erased before anything of the reply is printed
          // The headers have arrived with the first item: the gateway's note goes before the reply,
          // and what the service could not honour (a temperature lost in a fallback) is said once.
          stream.responseInfo().ifPresent(info -> {
            gateway(info, printer);
            info.warnings().forEach(warning -> warn(context, warning));
          });
        }
        printer.item(item);
        boolean flushed = !stream.ready();
        if (flushed) {
          printer.flush(); // nothing more has arrived: show what waits (else write it with the rest)
        }
        if (ClosedOutput.isClosed(context.out(), flushed)) {
          throw outputClosed(); // closing the stream below cancels the call
        }
      }
    } catch (CloudflareChallengeException e) {
      spinner.stop();
      printer.abort();
      CloudflareChallengeException thrown = playgroundOptions.noBrowser ? browserTurnedOff(e) : e; // --no-browser is the playground's only
      jsonError(printer, thrown);
      throw thrown;
    } catch (RuntimeException e) {
      spinner.stop();
      printer.abort();
      jsonError(printer, e);
      throw e;
    }
    spinner.stop();
    printer.finish();
    if (ClosedOutput.isClosed(context.out(), true)) {
      throw outputClosed(); // the reply was complete, but it was not all written
    }
    if (showStats) {
      context.err().println(stats.summary());
    }
    return ExitCodes.OK;
  }

  /**
   * With {@code --json}, the last event says why the call failed: {@code {"type":"error",
   * "message":...,"exit_code":N}} (then the usual stderr line and exit code); nothing when standard
   * output was closed.
   */
  private void jsonError(ReplyPrinter printer, RuntimeException failure) {
    int code = ErrorReporter.exitCode(failure);
    if (printer instanceof JsonReplyPrinter events && code != ExitCodes.OUTPUT_CLOSED) {
      events.error(ErrorReporter.message(failure, debug.debug, service.proxy), code);
    }
  }

  /** No prompt on a terminal: the interactive chat, with these options for every turn. */
  private int interactive(CliContext context) {
    if (!images.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "Option '--image' needs a PROMPT: the"
          + " interactive chat sends text only");
    }
    PlaygroundSettings playground = playgroundOptions.settings();
    ChatProvider provider = providerOptions.open(service, context.env(), playground);
    java.util.function.Function<List<Message>, ChatRequest.Builder> requests = messages -> {
      ChatRequest.Builder builder = ChatRequest.builder().temperature(temperature).topP(topP)
          .seed(seed).stop(stop).rejectIfBusy(rejectIfBusy).messages(messages);
      if (maxTokens != null) {
        builder.maxTokens(maxTokens);
      }
      return builder;
    };
    try {
      refuseUnsupported(provider, requests.apply(List.of(Message.user("?"))).build());
    } catch (IllegalArgumentException outOfRange) {
      throw invalidOption(outOfRange);
    }
    // each turn's options, with that turn's spinner (progress until its first token)
    Function<CallListener, CallOptions> options = spinner -> {
      CallOptions.Builder call = limits.callOptions(service.proxy, context.err(), debug.debug,
          spinner);
      cookies.forEach(cookie -> call.cookie(cookie.name(), cookie.value()));
      return call.build();
    };
    return new InteractiveChat(context, provider, requests, options,
        service.cacheDirectory(context.env()), model, system, debug.debug).run();
  }

  /** The reader of standard output has gone: ends the command quietly (exit 141, no message). */
  private static CliException outputClosed() {
    return new CliException(ExitCodes.OUTPUT_CLOSED, "standard output was closed", null);
  }

  /**
   * A usage error for each sampling option the provider does not take, as its capabilities say:
   * the option is named as on the command line ({@code top_p} is {@code --top-p}).
   *
   * @throws ParameterException when the request asks for what the provider cannot do
   */
  private void refuseUnsupported(ChatProvider provider, ChatRequest request) {
    List<String> missing = provider.capabilities().unsupported(request).stream()
        .map(Feature::wireName).toList();
    if (!missing.isEmpty()) {
      List<String> options = missing.stream().map(name -> switch (name) {
        case "rejectIfBusy" -> "'--reject-if-busy'";
        case "images" -> "'--image'";
        default -> "'--" + name.replace('_', '-') + "'";
      }).toList();
      String instead = missing.contains("stop") ? "--provider openai takes --stop"
          : missing.contains("images") ? "--provider workers-ai and openai take --image"
          : "--provider workers-ai takes every sampling option";
      throw new ParameterException(spec.commandLine(), (options.size() == 1 ? "Option " : "Options ")
          + String.join(", ", options) + " is not taken by " + provider.label()
          + (playgroundOptions.transport == Transport.INFERENCE ? " over --transport inference" : "")
          + ": it has no such setting (" + instead + ")");
    }
  }

  /**
   * A usage error, one line, for an option the library refused ({@code "top_p must be from 0 to 2
   * ..., was NaN"}), named as on the command line ({@code --top-p}).
   */
  private CliException invalidOption(IllegalArgumentException refused) {
    String message = refused.getMessage();
    int space = message.indexOf(' ');
    String name = space < 0 ? "" : message.substring(0, space);
    String option = "--" + name.replace('_', '-');
    return new CliException(ExitCodes.USAGE, spec.findOption(option) != null
        ? "Invalid value for option '" + option + "': " + message.substring(space + 1)
        : message, refused);
  }

  /**
   * The challenge with advice that fits {@code --no-browser}: the provider's says that no browser
   * was found, which is not what happened.
   */
  private static CloudflareChallengeException browserTurnedOff(CloudflareChallengeException e) {
    CloudflareChallengeException error = new CloudflareChallengeException(e.status(), e.endpoint(),
        e.bodyExcerpt(), "A browser is needed to pass it and --no-browser turned it off: run"
            + " without --no-browser and " + ChromiumLocator.INSTALL_ADVICE
            + ", or send a browser's cf_clearance cookie", e.headers()); // ErrorReporter adds --cookie
    error.initCause(e);
    return error;
  }

  private static void warn(CliContext context, String warning) {
    context.err().println("flare4j: warning: " + warning);
    context.err().flush();
  }

  /** Shows AI Gateway's cache status and log id, when the reply carried either. */
  private static void gateway(ResponseInfo info, ReplyPrinter printer) {
    String cacheStatus = info.header(AiGateway.CACHE_STATUS_HEADER).orElse(null);
    String logId = info.header(AiGateway.LOG_ID_HEADER).orElse(null);
    if (cacheStatus != null || logId != null) {
      LOG.log(Level.DEBUG, "AI Gateway: cache {0}, log id {1}", cacheStatus, logId);
      printer.gateway(cacheStatus, logId);
    }
  }

  /** The prompt from the arguments, or all of standard input for none or {@code -}. */
  private String promptText(CliContext context) {
    String text;
    String source;
    if (prompt.isEmpty() || prompt.equals(List.of("-"))) {
      source = "standard input";
      try {
        // Said on a terminal's stderr when nothing comes: a pipe kept open looks hung otherwise.
        boolean tell = context.in() == System.in && Terminals.stderr();
        text = new String(PromptInput.readAll(context.in(), context.err(), tell,
            PromptInput.NOTICE_AFTER), StandardCharsets.UTF_8);
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
