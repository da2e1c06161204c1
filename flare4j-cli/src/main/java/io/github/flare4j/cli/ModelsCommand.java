package io.github.flare4j.cli;

import io.github.flare4j.error.Flare4jException;
import io.github.flare4j.error.MissingAuthException;
import io.github.flare4j.provider.ChatProvider;
import io.github.flare4j.provider.ModelInfo;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code flare4j models}: the models the provider offers, one per line: the playground's chat
 * models, or with {@code --provider workers-ai} or {@code openai} the account's chat and embedding
 * models. Each line is the model's id, then what the list says of it, each part only when there is
 * something to say: {@code aliases: a, b}, {@code task: Text Embeddings} (for a model that is not a
 * chat model), {@code context: 131072} (tokens), {@code features: tools, images, reasoning}; the
 * parts are separated by two spaces, so the id is the line's first word. {@code --json} prints
 * one JSON object instead ({@link ModelsPrinter}).
 *
 * <p>When the list cannot be fetched, one warning line naming the error goes to standard error,
 * the built-in list (the default model and the alias targets, which is what the providers'
 * {@code getModels()} falls back to) to standard output, and the exit code is 0: the ids printed
 * are usable either way. Except when Workers AI refuses the credentials: then no request of the
 * account would work, a list would only hide that, and the command ends with
 * {@link ExitCodes#AUTH} like {@code chat} would.
 *
 * <p>The playground's list goes through the same Chromium as {@code chat} when Cloudflare asks for
 * a browser; {@code --browser-window} runs it in a window there too, {@code --no-browser} turns it
 * off, and {@code --transport} chooses where the list is asked for (the Agents socket's
 * {@code getModels}, or {@code GET /api/models} with {@code inference}).
 */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Lists the models the provider offers, one per line: the id, then its aliases, task (when"
          + " not a chat model), context window and features when the service lists them.",
      "The playground's chat models, or with --provider workers-ai or openai, the account's chat"
          + " and embedding models.",
      "When the list cannot be fetched, prints a warning and the built-in list",
      "(exit code 0); when Workers AI refuses the credentials, exit code 3."
    },
    footerHeading = "%nEnvironment:%n",
    footer = {
      "  " + Environment.ACCOUNT_LINE,
      "  " + Environment.TOKEN_LINE,
      "  " + Environment.DEFAULT_LINE,
      "  " + Environment.BASE_URL_LINE,
      "  " + Environment.CACHE_DIR_LINE
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.LINE_OK, ExitCodes.LINE_INTERNAL, ExitCodes.LINE_USAGE, ExitCodes.LINE_AUTH})
public final class ModelsCommand implements Callable<Integer> {

  @ParentCommand
  Flare4jCli cli;

  @Mixin
  ProviderOptions providerOptions;

  @Mixin
  ServiceOptions service;

  @Mixin
  DebugOption debug;

  @Mixin
  PlaygroundOptions playgroundOptions;

  @Option(names = "--json",
      description = "Print one JSON object instead: {\"object\":\"list\",\"data\":[{\"id\":..,"
          + "\"object\":\"model\",\"aliases\":[..],\"task\":..,\"context_window\":..,"
          + "\"features\":[..],\"described\":..}]} (context_window only when listed).")
  boolean json;

  /** Created by picocli, which then sets the options. */
  public ModelsCommand() {}

  @Override
  public Integer call() {
    CliContext context = cli.context();
    PrintWriter out = context.out();
    PrintWriter err = context.err();
    playgroundOptions.check(providerOptions, providerOptions.kind(context.env()), service);
    ChatProvider provider = providerOptions.open(service, context.env(),
        playgroundOptions.settings());
    List<ModelInfo> models;
    try {
      provider.fetchModels(); // fails with the reason, and fills the catalogue read next
      models = provider.models();
    } catch (Flare4jException e) {
      if (e instanceof MissingAuthException && providerOptions.kind(context.env()).needsAccount()) {
        throw e; // every request of the account would fail the same way: say so
      }
      err.println("flare4j: warning: cannot fetch the model list, showing the built-in one: "
          + ErrorReporter.message(e, debug.debug, service.proxy));
      if (debug.debug) {
        e.printStackTrace(err);
      }
      err.flush();
      models = ModelsPrinter.builtIn(provider);
    }
    if (json) {
      ModelsPrinter.json(out, models);
    } else {
      models.forEach(model -> out.println(ModelsPrinter.line(model)));
    }
    out.flush();
    return ExitCodes.OK;
  }
}
