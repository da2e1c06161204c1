package io.github.flare4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flare4j.cloudflare.Cloudflare;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.error.Flare4jException;
import io.github.flare4j.error.RateLimitException;
import io.github.flare4j.http.Timeouts;
import io.github.flare4j.provider.ChatProvider;
import io.github.flare4j.workersai.WorkersAIOpenAI;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's library section, kept true: every {@code java} block of README.md is one of the
 * regions between {@code // readme:begin} and {@code // readme:end} below, in the same order, so
 * each snippet is compiled with this class and run by its test against the emulator. The snippets
 * that only build a client or a provider run as they are (building makes no call); the snippets
 * that call use the {@code ai} and {@code workersAi} built from the test's {@code flare4j}, whose
 * providers point at the emulator.
 */
class ReadmeExamplesTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Path SOURCE =
      Path.of("src", "test", "java", "io", "github", "flare4j", "ReadmeExamplesTest.java");

  @TempDir Path cacheDir;
  Emulator emulator;
  Flare4j flare4j;
  Cloudflare ai;
  WorkersAIOpenAI workersAi;
  ChatRequest request;
  final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  PrintStream stdout;

  @BeforeEach
  void start() {
    emulator = Emulator.start();
    flare4j = Flare4j.builder().cacheDirectory(cacheDir).noBrowser().build();
    ai = Cloudflare.builder().client(flare4j).baseUrl(emulator.baseUrl()).build();
    workersAi = WorkersAIOpenAI.builder().client(flare4j).accountId(emulator.accountId())
        .apiToken(emulator.apiToken()).baseUrl(emulator.baseUrl()).build();
    request = ChatRequest.of("Hello, how are you?");
    stdout = System.out;
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void stop() {
    System.setOut(stdout);
    flare4j.close();
    emulator.close();
  }

  String printed() {
    return printed.toString(StandardCharsets.UTF_8);
  }

  @Test
  void readmeJavaBlocksAreTheRegionsOfThisClass() throws IOException {
    List<String> blocks = blocks(Files.readString(README), "```java\n", "```");
    List<String> regions = blocks(Files.readString(SOURCE), "// readme:begin\n", "// readme:end");

    assertThat(regions).hasSize(11); // one per example method: the parser found them all
    assertThat(blocks).as("README.md's java blocks, in order").containsExactlyElementsOf(regions);
  }

  @Test
  void readmeNamesThisVersionInItsMavenCoordinates() throws IOException {
    String pom = Files.readString(Path.of("..", "pom.xml"));
    Matcher version = Pattern.compile("<version>([^<]+)</version>").matcher(pom);
    assertThat(version.find()).isTrue();
    String coordinates = blocks(Files.readString(README), "```xml\n", "```").getFirst();

    assertThat(coordinates)
        .contains("<groupId>io.github.flare4j</groupId>")
        .contains("<artifactId>flare4j-core</artifactId>")
        .contains("<version>" + version.group(1) + "</version>");
  }

  /**
   * The text between each {@code begin} line and the next {@code end}, without the indent of
   * the {@code begin} line (blocks inside list items, regions inside methods).
   */
  static List<String> blocks(String text, String begin, String end) {
    List<String> found = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if ((lines[i].strip() + "\n").equals(begin)) {
        int indent = lines[i].indexOf(lines[i].strip());
        StringBuilder block = new StringBuilder();
        for (i++; i < lines.length && !lines[i].strip().equals(end); i++) {
          String line = lines[i];
          block.append(line.length() >= indent ? line.substring(indent) : line.strip())
              .append('\n');
        }
        found.add(block.toString());
      }
    }
    return found;
  }

  @Test
  void aClientAndItsProviders() {
    String accountId = "0123456789abcdef0123456789abcdef";
    String apiToken = "a-token-of-the-account";
    // readme:begin
    Flare4j flare4j = Flare4j.create();                   // one per program: its connection pool is shared
    Cloudflare ai = flare4j.playground();                 // the keyless playground
    WorkersAIOpenAI workersAi = flare4j.workersAiOpenAi(accountId, apiToken);   // Workers AI
    // readme:end
    assertThat(ai.label()).isNotEmpty();
    assertThat(workersAi.accountId()).isEqualTo(accountId);
    assertThat(workersAi.toString()).doesNotContain(apiToken);
    assertThat(flare4j.browser()).isEmpty(); // flare4j-browser is not on core's test classpath
    flare4j.close();
  }

  @Test
  void aClientWithSettings() {
    // readme:begin
    Flare4j flare4j = Flare4j.builder()
        .proxy("socks5://user:secret@127.0.0.1:1080")    // every call of every provider
        .timeouts(Timeouts.DEFAULT.withFirstByte(Duration.ofSeconds(30)))
        .callTimeout(Duration.ofMinutes(2))             // the whole call: every attempt
        .maxRetries(3)
        .listener(new CallListener() {
          @Override public void retry(int attempt, String reason, Duration delay) {
            System.err.println("retrying in " + delay.toSeconds() + " s: " + reason);
          }
        })
        .build();
    // readme:end
    assertThat(flare4j.maxRetries()).isEqualTo(3);
    assertThat(flare4j.toString()).doesNotContain("secret");
    flare4j.close();
  }

  @Test
  void streaming() {
    // readme:begin
    ChatRequest request = ChatRequest.builder()
        .model("llama-3.3-70b")                           // id, alias or short name; empty: the default
        .system("Answer in one sentence.")
        .user("Hello, how are you?")
        .build();

    try (ChatStream stream = ai.stream(request)) {
      for (ResponseItem item : stream) {
        switch (item) {
          case ResponseStart start -> { }                 // first: the reply's id, model and time
          case TextDelta text -> System.out.print(text.text());
          case ReasoningDelta reasoning -> { }
          case ToolCallDelta piece -> { }                 // a tool call as it arrives
          case ToolCall call -> { }                       // then whole
          case StepReset reset -> { }                     // the service started a step over
          case Usage usage -> System.out.printf("%n[%d tokens]", usage.totalTokens());
          case FinishReason finish -> System.out.println();
        }
      }
    }
    // readme:end
    assertThat(printed()).contains("I am the flare4j emulator");
  }

  @Test
  void wholeAndLater() {
    // readme:begin
    ChatResult whole = ai.complete(request);              // blocking
    System.out.println(whole.text() + " (" + whole.model() + ", " + whole.finishReason().kind() + ")");

    CompletableFuture<ChatResult> later = ai.completeAsync(request);   // on a virtual thread
    later.thenAccept(result -> System.out.println(result.text()));
    // readme:end
    later.join();
    assertThat(printed()).contains("emulator").contains("llama").contains("STOP");
  }

  @Test
  void cancel() {
    // readme:begin
    try (ChatStream stream = ai.stream(request)) {
      for (ResponseItem item : stream) {
        if (item instanceof TextDelta text && text.text().contains("!")) {
          break;                                          // leaving the block closes the stream:
        }                                                 // the call is cancelled, its connection closed
      }
    }
    // readme:end
    assertThat(emulator.requests()).isNotEmpty();
  }

  @Test
  void errors() {
    // readme:begin
    try {
      System.out.println(ai.complete(request).text());
    } catch (RateLimitException e) {                      // retried already, as the client allows
      System.err.println("Busy; try again in " + e.retryAfter().map(Duration::toSeconds).orElse(60L) + " s");
    } catch (Flare4jException e) {                        // unchecked; the message says what to do
      System.err.println(e.getMessage());
    }
    // readme:end
    assertThat(printed()).contains("emulator");
  }

  @Test
  void callOptions() {
    // readme:begin
    CallOptions call = CallOptions.builder()
        .timeout(Duration.ofSeconds(60))
        .maxRetries(0)                                  // this call only: no retries
        .listener(new CallListener() {                  // attempts, retries, first byte/token, end
          @Override public void firstToken(Duration after) {
            System.err.println("first token after " + after.toMillis() + " ms");
          }
        })
        .build();
    ChatResult result = ai.complete(request, call);
    // readme:end
    assertThat(result.text()).contains("emulator");
  }

  @Test
  void toolsRoundTrip() {
    // readme:begin
    ToolDefinition weather = new ToolDefinition("get_weather", "The weather in a city",
        "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}");
    ChatRequest ask = ChatRequest.builder()
        .model("llama-3.3-70b")
        .user("What is the weather in Paris?")
        .tool(weather)
        .toolChoice(ToolChoice.auto())
        .build();

    ChatResult first = workersAi.complete(ask);           // finishReason().kind() == TOOL_CALLS
    ChatRequest.Builder next = ask.toBuilder()
        .message(Message.assistant(first.text(), first.toolCalls()));
    for (ToolCall call : first.toolCalls()) {             // call.name(), call.arguments(): JSON text
      next.message(Message.toolResult(call.id(), "{\"celsius\":21}"));
    }
    ChatResult answer = workersAi.complete(next.build());
    System.out.println(answer.text());
    // readme:end
    assertThat(first.finishReason().kind()).isEqualTo(FinishReason.Kind.TOOL_CALLS);
    assertThat(first.toolCalls()).singleElement().extracting(ToolCall::name)
        .isEqualTo("get_weather");
    assertThat(printed()).contains("celsius");
  }

  @Test
  void imagesAndStopSequences() {
    byte[] png = "a picture's bytes".getBytes(StandardCharsets.UTF_8);
    // readme:begin
    ChatRequest look = ChatRequest.builder()
        .model("llama-4-scout-17b-16e-instruct")          // a model with vision
        .message(Message.user("What is in this picture?", List.of(ImagePart.of(png, "image/png"))))
        .stop(List.of("END"))
        .maxTokens(300)
        .build();
    System.out.println(workersAi.complete(look).text());
    // readme:end
    assertThat(printed()).contains("I see 1 image");
  }

  @Test
  void embeddings() {
    // readme:begin
    EmbeddingResult vectors = workersAi.embed(EmbeddingRequest.builder()
        .model("bge-m3").input("The first text").input("The second text").build());
    float[] first = vectors.vector(0);                    // a copy; vectors.dimensions() == 1024
    // readme:end
    assertThat(first).hasSize(1024);
    assertThat(vectors.size()).isEqualTo(2);
  }

  @Test
  void modelsAndWhatTheyTake() {
    // readme:begin
    for (var model : workersAi.models()) {                // cached after the first call
      System.out.println(model.id() + " " + model.aliases() + " " + model.task()
          + " " + model.contextWindow() + " " + model.features());
    }
    ChatProvider provider = workersAi;                    // every provider is a ChatProvider
    System.out.println(provider.capabilities().features());   // what it can send at all
    System.out.println(provider.model("kimi-k2.6").features());  // what the model list says
    // readme:end
    assertThat(printed()).contains("@cf/baai/bge-m3").contains("TOOLS");
  }
}
