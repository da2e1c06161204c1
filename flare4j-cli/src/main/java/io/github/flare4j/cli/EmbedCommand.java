package io.github.flare4j.cli;

import io.github.flare4j.CallOptions;
import io.github.flare4j.EmbeddingRequest;
import io.github.flare4j.EmbeddingResult;
import io.github.flare4j.provider.ChatProvider;
import io.github.flare4j.workersai.WorkersAIBuilder;
import io.github.flare4j.workersai.WorkersAIProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
 * {@code flare4j embed [-m MODEL] [TEXT...]}: embeds each TEXT (or, without one, each line of
 * standard input) with a Workers AI embedding model and prints one JSON array of numbers per
 * input, in order; {@code --json} prints OpenAI's list object instead.
 *
 * <p>Embeddings need a Workers AI account ({@code --provider workers-ai}, the REST API, or
 * {@code openai}, the OpenAI-compatible endpoint): the playground has none, and asking for it is
 * a usage error. Errors end with the same exit codes as {@code chat}.
 */
@Command(
    name = "embed",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Embeds texts with a Workers AI embedding model and prints one JSON array of numbers per"
          + " input, one per line.",
      "Each TEXT is one input (quote a text of several words); without TEXT, each line of standard"
          + " input is one.",
      "Needs a Workers AI account (--provider workers-ai or openai): the playground has no"
          + " embeddings."
    },
    footerHeading = "%nEnvironment:%n",
    footer = {
      "  " + Environment.ACCOUNT_LINE,
      "  " + Environment.TOKEN_LINE
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.LINE_OK, ExitCodes.LINE_INTERNAL, ExitCodes.LINE_USAGE, ExitCodes.LINE_AUTH,
      ExitCodes.LINE_RATE_LIMITED, ExitCodes.LINE_NETWORK, ExitCodes.LINE_PROTOCOL,
      ExitCodes.LINE_SERVICE, ExitCodes.LINE_MODEL_NOT_FOUND, ExitCodes.LINE_OUTPUT_CLOSED
    })
public final class EmbedCommand implements Callable<Integer> {
  /** The model used when {@code -m} is not given. */
  static final String DEFAULT_MODEL = "bge-base-en-v1.5";

  /** Created by picocli, which then sets the options. */
  public EmbedCommand() {}

  @ParentCommand
  Flare4jCli cli;

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "TEXT", arity = "0..*",
      description = "The texts, one input each; none: one input per line of standard input.")
  List<String> texts = new ArrayList<>();

  @Option(names = {"-m", "--model"}, paramLabel = "MODEL",
      description = "The embedding model: an id (@cf/baai/...) or an alias: bge-base-en-v1.5"
          + " (768 numbers), bge-small-en-v1.5 (384), bge-large-en-v1.5 (1024), bge-m3 (1024),"
          + " embeddinggemma-300m (768). Default: " + DEFAULT_MODEL + ".")
  String model;

  @Option(names = "--json",
      description = "Print OpenAI's list object ({\"object\":\"list\",\"data\":[{\"object\":"
          + "\"embedding\",\"index\":0,\"embedding\":[..]}],\"model\":..,\"usage\":..}) instead;"
          + " usage only when the service reports it (openai).")
  boolean json;

  @Mixin
  ProviderOptions providerOptions;

  @Mixin
  ServiceOptions service;

  @Mixin
  CallLimits limits;

  @Mixin
  DebugOption debug;

  @Override
  public Integer call() {
    CliContext context = cli.context();
    limits.check(spec);
    if (providerOptions.kind(context.env()) == ProviderKind.PLAYGROUND) {
      throw new ParameterException(spec.commandLine(), "Embeddings need a Workers AI account:"
          + " the playground has none. Use --provider workers-ai or openai, with "
          + WorkersAIBuilder.ACCOUNT_ID_ENV + " and " + WorkersAIBuilder.API_TOKEN_ENV + " set");
    }
    List<String> inputs = texts.isEmpty() ? lines(context) : texts;
    if (inputs.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "Nothing to embed: give TEXT arguments, or"
          + " lines on standard input");
    }
    ChatProvider opened = providerOptions.open(service, context.env());
    if (!(opened instanceof WorkersAIProvider provider)) {
      throw new IllegalStateException("not a Workers AI provider: " + opened.label());
    }
    EmbeddingRequest request = EmbeddingRequest.builder()
        .model(model == null || model.isBlank() ? DEFAULT_MODEL : model)
        .inputs(inputs)
        .build();
    CallOptions options = limits.callOptions(service.proxy, context.err(), debug.debug)
        .build();
    EmbeddingResult result = provider.embed(request, options);
    if (json) {
      EmbeddingPrinter.list(context.out(), result);
    } else {
      EmbeddingPrinter.vectors(context.out(), result);
    }
    context.out().flush();
    if (ClosedOutput.isClosed(context.out(), true)) {
      throw new CliException(ExitCodes.OUTPUT_CLOSED, "standard output was closed", null);
    }
    return ExitCodes.OK;
  }

  /** Standard input's lines, each one input (a line's {@code \r} dropped). */
  private static List<String> lines(CliContext context) {
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(context.in(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        lines.add(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the texts from standard input", e);
    }
    return lines;
  }
}
