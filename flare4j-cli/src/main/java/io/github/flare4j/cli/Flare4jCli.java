package io.github.flare4j.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code flare4j} command: {@code chat}, {@code models}, {@code embed}, {@code serve},
 * {@code emulator}, {@code completion} and {@code help}.
 *
 * <p>{@link #commandLine} builds a ready-to-run {@link CommandLine} over a given standard input,
 * output, error and environment, so that tests can run commands in-process:
 * <pre>{@code
 * int exitCode = Flare4jCli.commandLine(System.in, out, err, System.getenv()).execute(args);
 * }</pre>
 * Everything is printed through the given writers, and option values live in the command objects
 * of that one {@link CommandLine}.
 */
@Command(
    name = "flare4j",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Streaming access to the AI models of Cloudflare's playground and Workers AI.",
    synopsisSubcommandLabel = "COMMAND",
    footerHeading = "%nExamples:%n",
    footer = {
      "  flare4j chat \"Hello, how are you?\"",
      "  echo 'Summarise this' | flare4j chat -m llama-3.3-70b",
      "  flare4j chat --json --base-url http://127.0.0.1:8787 Hello",
      "  flare4j chat --transport inference --no-browser Hello",
      "  flare4j models",
      "  flare4j chat --provider workers-ai --api-token-file ~/.cf-token Hi",
      "  flare4j chat --provider openai Hello     (with CLOUDFLARE_* set)",
      "  flare4j models --provider workers-ai",
      "  flare4j embed -m bge-m3 \"first text\" \"second text\"     (with CLOUDFLARE_* set)",
      "  flare4j serve     (the OpenAI/Anthropic-compatible gateway and web chat on :8080)",
      "  source <(flare4j completion bash)",
      "  flare4j doctor     (what works: every provider and transport, one line each)"
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.LINE_OK, ExitCodes.LINE_INTERNAL, ExitCodes.LINE_USAGE, ExitCodes.LINE_AUTH,
      ExitCodes.LINE_RATE_LIMITED, ExitCodes.LINE_NETWORK, ExitCodes.LINE_PROTOCOL,
      ExitCodes.LINE_SERVICE, ExitCodes.LINE_MODEL_NOT_FOUND, ExitCodes.LINE_OUTPUT_CLOSED
    })
public final class Flare4jCli implements Callable<Integer> {
  private final CliContext context;

  @Spec
  CommandSpec spec;

  private Flare4jCli(CliContext context) {
    this.context = context;
  }

  /**
   * A command line over the given streams and environment, with flare4j's error handling, exit
   * codes and logging set up.
   *
   * @param in standard input, read by {@code chat} when no prompt is given
   * @param out standard output
   * @param err standard error
   * @param env the environment variables ({@code FLARE4J_BASE_URL}, {@code FLARE4J_CACHE_DIR},
   *     {@code CLOUDFLARE_ACCOUNT_ID}, {@code CLOUDFLARE_API_TOKEN}, and {@code FLARE4J_CHROMIUM}
   *     and {@code PATH} to find Chromium); the commands read no other
   * @return the command line; run it with {@link CommandLine#execute(String...)}
   */
  public static CommandLine commandLine(
      InputStream in, PrintWriter out, PrintWriter err, Map<String, String> env) {
    return commandLine(in, out, err, env, null);
  }

  /**
   * {@link #commandLine(InputStream, PrintWriter, PrintWriter, Map)} for running {@code args}: when
   * they start with a command's name ({@code chat}, {@code models} or {@code emulator}), only that
   * command is set up, and none for {@code --version} alone. picocli reads every option of every command it is given, by reflection,
   * before parsing anything, and {@code chat} does not need to pay for {@code emulator}'s (whose
   * option types bring in the emulator). Everything else, {@code --help} and {@code help} among
   * them, gets every command.
   *
   * @param args the arguments the command line will run, or null for every command
   * @return the command line; run it with {@link CommandLine#execute(String...)} on {@code args}
   */
  static CommandLine commandLine(
      InputStream in, PrintWriter out, PrintWriter err, Map<String, String> env, String[] args) {
    CliContext context = new CliContext(in, out, err, env);
    CommandLine commandLine = new CommandLine(new Flare4jCli(context));
    String first = args == null || args.length == 0 ? "" : args[0];
    if (args != null && args.length == 1 && (first.equals("--version") || first.equals("-V"))) {
      first = "--version"; // prints the version only: no command is needed
    }
    switch (first) {
      case "--version" -> { }
      case "chat" -> commandLine.addSubcommand(new ChatCommand());
      case "models" -> commandLine.addSubcommand(new ModelsCommand());
      case "embed" -> commandLine.addSubcommand(new EmbedCommand());
      case "emulator" -> commandLine.addSubcommand(new EmulatorCommand());
      case "serve" -> commandLine.addSubcommand(new ServeCommand());
      case "doctor" -> commandLine.addSubcommand(new DoctorCommand());
      default -> {
        commandLine.addSubcommand(new ChatCommand());
        commandLine.addSubcommand(new ModelsCommand());
        commandLine.addSubcommand(new EmbedCommand());
        commandLine.addSubcommand(new EmulatorCommand());
        commandLine.addSubcommand(new ServeCommand());
        commandLine.addSubcommand(new CompletionCommand());
        commandLine.addSubcommand(new DoctorCommand());
        commandLine.addSubcommand(new HelpCommand());
      }
    }
    ErrorReporter errors = new ErrorReporter();
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExitCodeExceptionMapper(errors);
    commandLine.setExecutionExceptionHandler(errors);
    commandLine.setParameterExceptionHandler(errors);
    commandLine.setExecutionStrategy(parseResult -> {
      CliLogging logging = CliLogging.install(err, DebugOption.requested(parseResult));
      try {
        return new CommandLine.RunLast().execute(parseResult);
      } finally {
        logging.close();
        out.flush();
        err.flush();
      }
    });
    return commandLine;
  }

  /** The streams and environment of this run. */
  CliContext context() {
    return context;
  }

  /** Without a command: a usage error. */
  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(),
        "Missing command: use 'flare4j chat', 'flare4j models', 'flare4j embed', 'flare4j serve'"
            + " or 'flare4j emulator'");
  }
}
