package io.github.flare4j.cloudflare;

import static io.github.flare4j.cloudflare.PlaygroundFixture.NO_RETRIES;
import static io.github.flare4j.cloudflare.PlaygroundFixture.hello;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.flare4j.ChatResult;
import io.github.flare4j.emulator.Emulator;
import io.github.flare4j.emulator.Fault;
import io.github.flare4j.emulator.StreamFormat;
import io.github.flare4j.error.ResponseStatusException;
import io.github.flare4j.error.StreamProtocolException;
import io.github.flare4j.http.Timeouts;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a hostile or broken server sends to {@code POST /api/inference} (v4 data stream and v5 UI
 * message stream) reaches the caller as a complete reply or a typed error: a reply is complete at
 * its end marker ({@code d:}, {@code data: [DONE]}) whatever the body does next, a redirect is
 * never followed, and the server's control characters are escaped.
 */
class CloudflareHostileServerTest {
  /** The idle limit is far longer than any test here takes: waiting for it would trip the guard. */
  private static final Timeouts PATIENT =
      new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(60));
  private static final Duration HANG_GUARD = Duration.ofSeconds(30);

  @TempDir Path cacheDir;
  Emulator emulator;
  Cloudflare cloudflare;

  @BeforeEach
  void start() {
    emulator = Emulator.start();
    cloudflare = Cloudflare.builder()
        .baseUrl(emulator.baseUrl())
        .cacheDirectory(cacheDir)
        .timeouts(PATIENT)
        .transport(Transport.INFERENCE)
        .build();
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private ChatResult chat() {
    return assertTimeoutPreemptively(HANG_GUARD,
        () -> cloudflare.stream(hello(), NO_RETRIES).collect());
  }

  private Throwable failure() {
    try {
      chat();
      return null;
    } catch (RuntimeException e) {
      return e;
    }
  }

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void aReplyLeftOpenEndsAtItsEndMarker(StreamFormat format) {
    emulator.format(format);
    ChatResult reference = chat();
    emulator.enqueueFault(Fault.LEFT_OPEN);

    ChatResult result = chat();

    assertThat(result).usingRecursiveComparison().ignoringFields("id", "created").isEqualTo(reference);
    assertThat(result.usage()).isPresent();
    assertThat(emulator.takeAbandoned(HANG_GUARD)).as("the body was let go")
        .isEqualTo(Emulator.INFERENCE_PATH);
  }

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void aContentLengthThatPromisesMoreDoesNotHoldTheReply(StreamFormat format) {
    emulator.format(format);
    ChatResult reference = chat();
    emulator.enqueueFault(Fault.OVERSTATED_LENGTH);

    ChatResult result = chat();

    assertThat(result).usingRecursiveComparison().ignoringFields("id", "created").isEqualTo(reference);
    assertThat(emulator.takeAbandoned(HANG_GUARD)).isEqualTo(Emulator.INFERENCE_PATH);
  }

  @ParameterizedTest
  @EnumSource(StreamFormat.class)
  void eventsWithEmptyDataAreNotDispatched(StreamFormat format) {
    emulator.format(format);
    ChatResult reference = chat();
    emulator.enqueueFault(Fault.EMPTY_EVENT);

    assertThat(chat()).usingRecursiveComparison().ignoringFields("id", "created").isEqualTo(reference);
  }

  @Test
  void aDocumentOfNoApiIsAnErrorThatShowsIt() {
    emulator.enqueueFault(Fault.UNRECOGNISED_JSON);

    assertThat(failure()).isInstanceOf(StreamProtocolException.class)
        .hasMessageContaining("{\"foo\":1}");
  }

  @Test
  void aRedirectIsNotFollowed() {
    emulator.enqueueFault(Fault.REDIRECT);

    assertThat(failure())
        .isInstanceOfSatisfying(ResponseStatusException.class,
            e -> assertThat(e.status()).isEqualTo(302))
        .hasMessageContaining("'/moved'")
        .hasMessageContaining("check the base URL");
    assertThat(emulator.requestCount()).isEqualTo(1);
  }

  @Test
  void aRedirectLoopIsOneRequestAndNotRetried() {
    emulator.enqueueFault(Fault.REDIRECT_LOOP);

    Throwable error = assertTimeoutPreemptively(HANG_GUARD, () -> {
      try {
        cloudflare.stream(hello()).collect(); // the default retries
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

  @Test
  void controlCharactersFromTheServerAreEscaped() {
    emulator.enqueueFault(Fault.CONTROL_CHARACTERS);

    Throwable error = failure();

    assertThat(error).isInstanceOf(ResponseStatusException.class)
        .hasMessageContaining("the server says no")
        .hasMessageContaining("\\u001b[2J");
    assertThat(error.getMessage()).doesNotContain("\u001b", "\u0007", "\u0000");
  }
}
