package io.github.flare4j.cli;

import io.github.flare4j.cloudflare.Cloudflare;
import io.github.flare4j.error.Flare4jException;
import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code flare4j models}: the model ids the playground offers, one per line.
 *
 * <p>When the list cannot be fetched, one warning line naming the error goes to standard error,
 * the built-in list (the default model and the alias targets, which is what
 * {@link Cloudflare#getModels()} falls back to) to standard output, and the exit code is 0: the
 * ids printed are usable either way.
 */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Lists the model ids the playground offers, one per line.",
      "When the list cannot be fetched, prints a warning and the built-in list (exit code 0)."
    })
public final class ModelsCommand implements Callable<Integer> {
  @ParentCommand
  Flare4jCli cli;

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
    Cloudflare cloudflare = service.cloudflare(context.env());
    List<String> models;
    try {
      models = cloudflare.fetchModels();
    } catch (Flare4jException e) {
      err.println("flare4j: warning: cannot fetch the model list, showing the built-in one: "
          + ErrorReporter.message(e, debug.debug));
      if (debug.debug) {
        e.printStackTrace(err);
      }
      err.flush();
      models = builtIn(cloudflare);
    }
    models.forEach(out::println);
    out.flush();
    return ExitCodes.OK;
  }

  /**
   * What {@link Cloudflare#getModels()} falls back to (the default model, then the alias targets),
   * computed without asking the service a second time.
   */
  static List<String> builtIn(Cloudflare cloudflare) {
    LinkedHashSet<String> models = new LinkedHashSet<>();
    models.add(cloudflare.defaultModel());
    models.addAll(cloudflare.modelAliases().values());
    return List.copyOf(models);
  }
}
