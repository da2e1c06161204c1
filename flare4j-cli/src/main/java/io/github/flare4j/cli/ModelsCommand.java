package io.github.flare4j.cli;

import io.github.flare4j.error.Flare4jException;
import io.github.flare4j.error.MissingAuthException;
import io.github.flare4j.provider.ChatProvider;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code flare4j models}: the model ids the provider offers, one per line: the playground's list,
 * or with {@code --provider workers-ai} or {@code openai} the account's text generation models.
 *
 * <p>When the list cannot be fetched, one warning line naming the error goes to standard error,
 * the built-in list (the default model and the alias targets, which is what the providers'
 * {@code getModels()} falls back to) to standard output, and the exit code is 0: the ids printed
 * are usable either way. Except when Workers AI refuses the credentials: then no request of the
 * account would work, a list would only hide that, and the command ends with
 * {@link ExitCodes#AUTH} like {@code chat} would.
 *
 * <p>The playground's list goes through the same Chromium as {@code chat} when Cloudflare asks for
 * a browser; {@code --browser-window} runs it in a window there too.
 */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Lists the model ids the provider offers, one per line.",
      "The playground's, or with --provider workers-ai or openai, the account's text generation"
          + " models.",
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

  /** Created by picocli, which then sets the options. */
  public ModelsCommand() {}

  @Override
  public Integer call() {
    CliContext context = cli.context();
    PrintWriter out = context.out();
    PrintWriter err = context.err();
    ChatProvider provider = providerOptions.open(service, context.env());
    List<String> models;
    try {
      models = provider.fetchModels();
    } catch (Flare4jException e) {
      if (e instanceof MissingAuthException && providerOptions.kind(context.env()).needsAccount()) {
        throw e; // every request of the account would fail the same way: say so
      }
      err.println("flare4j: warning: cannot fetch the model list, showing the built-in one: "
          + ErrorReporter.message(e, debug.debug));
      if (debug.debug) {
        e.printStackTrace(err);
      }
      err.flush();
      models = provider.builtInModels();
    }
    models.forEach(out::println);
    out.flush();
    return ExitCodes.OK;
  }
}
