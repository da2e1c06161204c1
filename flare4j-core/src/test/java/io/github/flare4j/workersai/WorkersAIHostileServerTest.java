package io.github.flare4j.workersai;

import static io.github.flare4j.workersai.WorkersAiFixture.GREETING;
import static io.github.flare4j.workersai.WorkersAiFixture.MODEL;
import static io.github.flare4j.workersai.WorkersAiFixture.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.flare4j.CallOptions;
import io.github.flare4j.ChatResult;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.Fault;
import io.github.flare4j.error.ResponseStatusException;
import io.github.flare4j.error.StreamProtocolException;
import io.github.flare4j.http.Timeouts;

import java.time.Duration;
import okhttp3.OkHttpClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a hostile or broken server sends to Workers AI's clients (the REST API and the
 * OpenAI-compatible one, streamed and not) reaches the caller as a complete reply or a typed error:
 * a reply is complete at its end marker whatever the body does next, a document of no API is an
 * error, a redirect is never followed, and the server's control characters are escaped.
 */
class WorkersAIHostileServerTest extends WorkersAiTestBase {
  /** The idle limit is far longer than any test here takes: waiting for it would trip the guard. */
  private static final Timeouts PATIENT =
      new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(60));
  private static final Duration HANG_GUARD = Duration.ofSeconds(30);
  private static final CallOptions NO_RETRIES = CallOptions.builder().maxRetries(0).build();

  private WorkersAIProvider provider(String api, Fault fault) {
    OkHttpClient client = WorkersAiFixture.withHeader(Emulator.FAULT_HEADER, fault.name());
    return api.equals("rest")
        ? WorkersAI.builder().accountId(emulator.accountId()).apiToken(emulator.apiToken())
            .baseUrl(emulator.baseUrl()).timeouts(PATIENT).httpClient(client).build()
        : WorkersAIOpenAI.builder().accountId(emulator.accountId()).apiToken(emulator.apiToken())
            .baseUrl(emulator.baseUrl()).timeouts(PATIENT).httpClient(client).build();
  }

  private String path(String api) {
    return "/client/v4/accounts/" + emulator.accountId()
        + (api.equals("rest") ? "/ai/run/" + MODEL : "/ai/v1/chat/completions");
  }

  private ChatResult chat(String api, Fault fault, boolean stream) {
    WorkersAIProvider provider = provider(api, fault);
    return assertTimeoutPreemptively(HANG_GUARD,
        () -> provider.stream(ask("Hello there"), NO_RETRIES, stream).collect());
  }

  private Throwable failure(String api, Fault fault, boolean stream) {
    try {
      chat(api, fault, stream);
      return null;
    } catch (RuntimeException e) {
      return e;
    }
  }

  @ParameterizedTest
  @CsvSource({"rest,true", "rest,false", "openai,true", "openai,false"})
  void aReplyLeftOpenEndsAtItsEndMarker(String api, boolean stream) {
    ChatResult result = chat(api, Fault.LEFT_OPEN, stream);

    assertThat(result.text()).isEqualTo(GREETING);
    assertThat(result.finishReason().reason()).isEqualTo("stop");
    assertThat(result.usage()).as("the usage chunk before [DONE] is kept").isPresent();
    assertThat(emulator.takeAbandoned(HANG_GUARD)).as("the body was let go").isEqualTo(path(api));
  }

  @ParameterizedTest
  @CsvSource({"rest,true", "rest,false", "openai,true", "openai,false"})
  void aContentLengthThatPromisesMoreDoesNotHoldTheReply(String api, boolean stream) {
    ChatResult result = chat(api, Fault.OVERSTATED_LENGTH, stream);

    assertThat(result.text()).isEqualTo(GREETING);
    assertThat(emulator.takeAbandoned(HANG_GUARD)).isEqualTo(path(api));
  }

  @ParameterizedTest
  @CsvSource({"rest,true", "rest,false", "openai,true", "openai,false"})
  void aDocumentOfNoApiIsAnErrorThatShowsIt(String api, boolean stream) {
    assertThat(failure(api, Fault.UNRECOGNISED_JSON, stream))
        .isInstanceOf(StreamProtocolException.class)
        .hasMessageContaining("{\"foo\":1}")
        .hasMessageContaining("no Workers AI reply");
  }

  @ParameterizedTest
  @CsvSource({"rest,true", "rest,false", "openai,true", "openai,false"})
  void aRedirectIsNotFollowed(String api, boolean stream) {
    assertThat(failure(api, Fault.REDIRECT, stream))
        .isInstanceOfSatisfying(ResponseStatusException.class,
            e -> assertThat(e.status()).isEqualTo(302))
        .hasMessageContaining("'/moved'")
        .hasMessageContaining("check the base URL");
    assertThat(emulator.requestCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @CsvSource({"rest", "openai"})
  void aRedirectLoopIsOneRequestAndNotRetried(String api) {
    WorkersAIProvider provider = provider(api, Fault.REDIRECT_LOOP);

    Throwable error = assertTimeoutPreemptively(HANG_GUARD, () -> {
      try {
        provider.stream(ask("Hello there")).collect(); // the default retries
        return null;
      } catch (RuntimeException e) {
        return e;
      }
    });

    assertThat(error).isInstanceOfSatisfying(ResponseStatusException.class,
            e -> assertThat(e.status()).isEqualTo(307))
        .hasMessageContaining("'" + Emulator.REDIRECT_LOOP_PATH + "'");
    assertThat(emulator.requestCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @CsvSource({"rest", "openai"})
  void eventsWithEmptyDataAreNotDispatched(String api) {
    ChatResult result = chat(api, Fault.EMPTY_EVENT, true);

    assertThat(result.text()).isEqualTo(GREETING);
    assertThat(result.finishReason().reason()).isEqualTo("stop");
  }

  @ParameterizedTest
  @CsvSource({"rest,true", "rest,false", "openai,true", "openai,false"})
  void controlCharactersFromTheServerAreEscaped(String api, boolean stream) {
    Throwable error = failure(api, Fault.CONTROL_CHARACTERS, stream);

    assertThat(error).isInstanceOf(ResponseStatusException.class)
        .hasMessageContaining("the server says no")
        .hasMessageContaining("\\u001b[2J");
    assertThat(error.getMessage()).doesNotContain("\u001b", "\u0007", "\u0000");
    assertThat(((ResponseStatusException) error).bodyExcerpt()).doesNotContain("\u001b");
  }
}
