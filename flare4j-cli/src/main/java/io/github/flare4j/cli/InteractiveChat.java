package io.github.flare4j.cli;

import io.github.flare4j.CallListener;
import io.github.flare4j.CallOptions;
import io.github.flare4j.ChatRequest;
import io.github.flare4j.ChatStream;
import io.github.flare4j.Message;
import io.github.flare4j.ResponseItem;
import io.github.flare4j.StepReset;
import io.github.flare4j.TextDelta;
import io.github.flare4j.http.ProxySpec;
import io.github.flare4j.provider.ChatProvider;
import io.github.flare4j.provider.ModelInfo;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * {@code flare4j chat} with no prompt on a terminal: a conversation, one reply streamed per line
 * typed, the whole conversation (system prompt, then the user's and the assistant's turns) sent
 * each turn. Line editing and history (JLine, the history in the cache folder's
 * {@value #HISTORY_FILE}, readable by its owner only); a line ending in {@code \} goes on on the
 * next line. Commands: {@code /model NAME}, {@code /system TEXT}, {@code /clear},
 * {@code /save FILE}, {@code /help}, {@code /exit}. Ctrl-C during a reply stops that reply (the
 * stream is closed, so the call is cancelled) and keeps the session; Ctrl-C at the prompt clears
 * the line; Ctrl-D at an empty prompt leaves. A failed turn is printed as {@link ErrorReporter}
 * words it and the session goes on. A {@code --model} no model answers to ends the command before
 * the first prompt (exit code 8); {@code /model} with such a name says so and keeps the model.
 */
final class InteractiveChat {
  static final String HISTORY_FILE = "chat_history";
  static final String PROMPT = "you> ";
  static final String CONTINUATION = "...> ";
  /** JLine's widget bound to Ctrl-C (the terminal's interrupt character) while reading a line. */
  private static final String INTERRUPT_WIDGET = "interrupt";

  static final String HELP = """
      Type a message and press Enter; end a line with \\ to go on on the next line.
        /model NAME   use another model (an id, an alias or the end of a listed id)
        /system TEXT  set the system prompt (/system alone removes it)
        /clear        forget the conversation (the system prompt stays)
        /save FILE    write the conversation to FILE as JSON
        /help         this list
        /exit         leave (or Ctrl-D)
      Ctrl-C stops a reply; at the prompt it clears the line typed (nothing is sent).
      Ctrl-D at an empty prompt leaves.""";

  private static final JsonFactory JSON = new JsonFactory();

  private final CliContext context;
  private final ChatProvider provider;
  private final Function<List<Message>, ChatRequest.Builder> requests;
  /** A turn's call options, with that turn's spinner among the listeners. */
  private final Function<CallListener, CallOptions> options;
  /** The --proxy given, or null, for messages about a refused one. */
  private final ProxySpec proxy;
  private final Path cacheDirectory;
  private final boolean debug;
  private final List<Message> messages = new ArrayList<>();
  /** Set by Ctrl-C on a continuation line: the message read so far is to be dropped. */
  private boolean cleared;
  /** Whether the line being read goes on a message (after a line ending in a backslash). */
  private boolean continuing;
  private String model;
  private String system;

  /**
   * @param requests a request builder with the command's options for the given messages
   * @param options a turn's call options, given a listener to add (its spinner)
   * @param model the model name given, or null for the provider's default
   */
  InteractiveChat(CliContext context, ChatProvider provider,
      Function<List<Message>, ChatRequest.Builder> requests,
      Function<CallListener, CallOptions> options,
      Path cacheDirectory, String model, String system, boolean debug) {
    this.context = context;
    this.provider = provider;
    this.requests = requests;
    this.options = options;
    this.proxy = options.apply(new CallListener() {}).proxy().orElse(null);
    this.cacheDirectory = cacheDirectory;
    this.model = model == null || model.isBlank() ? null : model;
    this.system = system == null || system.isBlank() ? null : system;
    this.debug = debug;
  }

  /** Whether standard input (and output) is a terminal: then {@code chat} with no prompt is this. */
  static boolean stdinIsTerminal(CliContext context) {
    if (context.in() != System.in) {
      return false; // in-process runs (tests) give their own input
    }
    return Terminals.console();
  }

  int run() {
    if (model != null) {
      // A name no model answers to ends the command here, before the first prompt, as the
      // one-shot chat would (exit code 8, naming the closest names), not at every turn.
      model = chatModel(model);
    }
    try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
      LineReader reader = LineReaderBuilder.builder()
          .terminal(terminal)
          .appName("flare4j")
          .variable(LineReader.HISTORY_FILE, history())
          // What is typed is sent as typed: no shell escapes (JLine's parser took the backslash
          // that continues a line, and the line was sent at once), no quotes to close, and no
          // history expansion ("great!!" would have become "great" and the previous line).
          .parser(new DefaultParser().escapeChars(new char[0]).quoteChars(new char[0]))
          .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
          .build();
      // Ctrl-C at the prompt clears the line without leaving readLine. JLine's own "interrupt"
      // ends readLine, and until the next one sets the terminal's raw mode again the terminal is
      // in line mode, where a Ctrl-D typed at once is an end-of-input marker that the switch to
      // raw mode drops: the Ctrl-D was lost and a new prompt came instead of leaving.
      reader.getWidgets().put(INTERRUPT_WIDGET, () -> {
        if (continuing) {
          // within a message of several lines: the lines before go too, which needs a new read
          cleared = true;
          reader.getBuffer().clear();
          reader.callWidget(LineReader.ACCEPT_LINE);
        } else {
          reader.getBuffer().clear();
          reader.callWidget(LineReader.REDRAW_LINE);
        }
        return true;
      });
      AtomicReference<ChatStream> running = new AtomicReference<>();
      terminal.handle(Terminal.Signal.INT, signal -> {
        ChatStream stream = running.getAndSet(null); // null: the reply was stopped
        if (stream != null) {
          stream.close(); // stops this reply only
        }
      });
      context.out().println("flare4j chat with " + provider.label()
          + (model == null ? "" : ", model " + model) + ": /help for commands, /exit or Ctrl-D to leave.");
      context.out().flush();
      while (true) {
        String input;
        try {
          input = read(reader);
        } catch (UserInterruptException ctrlC) {
          continue; // the line is cleared, nothing is sent: a fresh prompt
        } catch (EndOfFileException ctrlD) {
          break; // Ctrl-D at an empty prompt always leaves, whatever came before
        }
        String line = input.strip();
        if (line.isEmpty()) {
          continue;
        }
        if (line.startsWith("/")) {
          if (!command(line)) {
            break;
          }
        } else {
          turn(input.stripTrailing(), running);
        }
        context.out().flush();
        context.err().flush();
      }
      try {
        reader.getHistory().save();
      } catch (IOException e) {
        context.err().println("flare4j: warning: the history could not be saved: " + e.getMessage());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the terminal", e);
    }
    context.out().flush();
    return ExitCodes.OK;
  }

  /** One message: lines ending in a backslash go on on the next line. */
  private String read(LineReader reader) {
    // (continuing and cleared are read by the Ctrl-C widget, on this thread, within readLine)
    StringBuilder text = new StringBuilder();
    String prompt = PROMPT;
    while (true) {
      // A Ctrl-C that came between a stopped reply and the prompt (JLine's handler interrupts this
      // thread) must not be taken for the next key.
      Thread.interrupted();
      continuing = text.length() > 0;
      String line = reader.readLine(prompt);
      if (cleared) {
        cleared = false;
        throw new UserInterruptException(""); // Ctrl-C: the message typed so far is dropped
      }
      if (line.endsWith("\\")) {
        text.append(line, 0, line.length() - 1).append('\n');
        prompt = CONTINUATION;
      } else {
        return text.append(line).toString();
      }
    }
  }

  /** The history file, created readable by its owner only before JLine writes to it. */
  private Path history() {
    Path file = cacheDirectory.resolve(HISTORY_FILE);
    try {
      Files.createDirectories(cacheDirectory);
      if (!Files.exists(file)) {
        try {
          Files.createFile(file, PosixFilePermissions.asFileAttribute(
              PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
          Files.createFile(file);
        }
      }
    } catch (IOException e) {
      context.err().println("flare4j: warning: no history: " + e.getMessage());
    }
    return file;
  }

  /** Runs a slash command; false to leave. */
  private boolean command(String line) {
    int space = line.indexOf(' ');
    String name = space < 0 ? line : line.substring(0, space);
    String argument = space < 0 ? "" : line.substring(space + 1).strip();
    switch (name) {
      case "/exit", "/quit" -> {
        return false;
      }
      case "/help" -> context.out().println(HELP);
      case "/clear" -> {
        messages.clear();
        context.out().println("The conversation is cleared.");
      }
      case "/system" -> {
        system = argument.isEmpty() ? null : argument;
        context.out().println(system == null ? "No system prompt." : "System prompt set.");
      }
      case "/model" -> {
        if (argument.isEmpty()) {
          context.out().println("Model: " + (model == null ? "the provider's default" : model)
              + " (/model NAME to change it)");
        } else {
          try {
            model = chatModel(argument);
            context.out().println("Model: " + model);
          } catch (RuntimeException e) {
            error(e);
            context.out().println("The model stays " + (model == null ? "the provider's default"
                : model) + ".");
          }
        }
      }
      case "/save" -> {
        if (argument.isEmpty()) {
          context.out().println("Usage: /save FILE");
        } else {
          save(Path.of(argument));
        }
      }
      default -> context.out().println("Unknown command " + name + ": /help lists them.");
    }
    return true;
  }

  /**
   * The id of the chat model {@code name} stands for.
   *
   * @throws io.github.flare4j.error.ModelNotFoundException when no model (or several) answers to
   *     it
   * @throws CliException with {@link ExitCodes#MODEL_NOT_FOUND} for an embedding model
   */
  private String chatModel(String name) {
    ModelInfo info = provider.model(name);
    if (ModelInfo.TEXT_EMBEDDINGS.equals(info.task())) {
      throw new CliException(ExitCodes.MODEL_NOT_FOUND, info.id() + " is an embedding model,"
          + " not a chat model: 'flare4j models' lists the chat models", null);
    }
    return info.id();
  }

  /** Sends the conversation with one more user message and streams the reply. */
  private void turn(String text, AtomicReference<ChatStream> running) {
    messages.add(Message.user(text));
    List<Message> sent = new ArrayList<>();
    if (system != null) {
      sent.add(Message.system(system));
    }
    sent.addAll(messages);
    ChatRequest.Builder builder = requests.apply(sent);
    if (model != null) {
      builder.model(model);
    }
    TextReplyPrinter printer = new TextReplyPrinter(context.out(), context.err(), false, null);
    StringBuilder reply = new StringBuilder();
    boolean stopped = false;
    // progress on standard error until the first token, as for a single prompt
    Spinner spinner = new Spinner(context.err(), Spinner.wanted(context.env()));
    spinner.start();
    try (ChatStream stream = provider.stream(builder.build(), options.apply(spinner))) {
      running.set(stream);
      try {
        for (ResponseItem item : stream) {
          spinner.stop(); // erased before anything of the reply is printed
          if (item instanceof TextDelta delta) {
            reply.append(delta.text());
          } else if (item instanceof StepReset reset) {
            reply.setLength((int) Math.max(0, reply.length() - reset.textLength()));
          }
          printer.item(item);
          if (!stream.ready()) {
            printer.flush();
          }
        }
      } catch (RuntimeException e) {
        if (running.get() != null) {
          throw e; // a failure, not Ctrl-C closing the stream
        }
      }
      stopped = running.get() == null;
    } catch (RuntimeException e) {
      printer.abort();
      messages.removeLast(); // the turn failed: the line can be sent again
      error(e);
      return;
    } finally {
      spinner.stop();
      running.set(null);
    }
    printer.finish();
    if (stopped) {
      context.err().println("flare4j: reply stopped");
    }
    if (reply.isEmpty()) {
      messages.removeLast();
    } else {
      messages.add(Message.assistant(reply.toString()));
    }
  }

  private void error(Throwable failure) {
    context.out().flush();
    context.err().println("flare4j: " + io.github.flare4j.internal.text.ServerText.escapeControls(
        ErrorReporter.message(failure, debug, proxy)));
    if (debug) {
      failure.printStackTrace(context.err());
    }
    context.err().flush();
  }

  /** The conversation as JSON (model, system, messages), written to a temporary file then moved. */
  private void save(Path file) {
    Path target = file.toAbsolutePath();
    try {
      Path temp = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".tmp");
      try {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), text)) {
          json.writeStartObject();
          json.writeStringProperty("model", model);
          json.writeStringProperty("system", system);
          json.writeArrayPropertyStart("messages");
          for (Message message : messages) {
            json.writeStartObject();
            json.writeStringProperty("role", message.role().wireName());
            json.writeStringProperty("content", message.content());
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeEndObject();
        }
        Files.writeString(temp, text + "\n");
        try {
          Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
      context.out().println("Saved " + messages.size() + " messages to " + file);
    } catch (IOException | UncheckedIOException e) {
      context.err().println("flare4j: cannot save to " + file + ": " + e.getMessage());
    }
  }
}
