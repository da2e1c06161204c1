package io.github.flare4j.cloudflare;

import static io.github.flare4j.cloudflare.PlaygroundFixture.hello;
import static io.github.flare4j.cloudflare.PlaygroundFixture.provider;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flare4j.ChatRequest;
import io.github.flare4j.emulator.Fault;
import io.github.flare4j.error.ResponseStatusException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CloudflareCredentialsTest extends PlaygroundTestBase {
  @Test
  void authFileIsNamedAfterTheProviderInTheCacheFolder() {
    assertThat(cloudflare.getCacheFile()).isEqualTo(cacheDir.resolve("auth_Cloudflare.json"));
  }

  @Test
  void setCookieIsMergedAndPersistedOwnerOnly() throws Exception {
    cloudflare.createCompletion(hello());

    String served = emulator.takeRequest().path();
    assertThat(served).isEqualTo("/api/inference");
    assertThat(cloudflare.args()).get()
        .satisfies(args -> assertThat(args.cookies()).containsKey("__cf_bm"));
    Path file = cloudflare.getCacheFile();
    assertThat(Files.readString(file)).contains("\"__cf_bm\"", "\"user-agent\"");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    try (var leftovers = Files.list(cacheDir)) {
      assertThat(leftovers).as("no temporary files left behind").containsExactly(file);
    }
  }

  @Test
  void secondCallReusesTheCookieItWasGiven() {
    cloudflare.createCompletion(hello());
    String cookie = cloudflare.args().orElseThrow().cookies().get("__cf_bm");

    cloudflare.createCompletion(hello());

    emulator.takeRequest();
    assertThat(emulator.takeRequest().cookies()).containsEntry("__cf_bm", cookie);
  }

  @Test
  void aNewProviderReusesTheAuthFile() {
    cloudflare.createCompletion(hello());
    String cookie = cloudflare.args().orElseThrow().cookies().get("__cf_bm");

    Cloudflare later = provider(emulator, cacheDir);
    later.createCompletion(hello());

    emulator.takeRequest();
    assertThat(emulator.takeRequest().cookies()).containsEntry("__cf_bm", cookie);
  }

  @Test
  void callerCookiesAreSentAndKept() {
    cloudflare.createCompletion(ChatRequest.of("x"),
        io.github.flare4j.CallOptions.builder().cookie("cf_clearance", "abc").build());

    assertThat(emulator.takeRequest().cookies()).containsEntry("cf_clearance", "abc");
    assertThat(cloudflare.args().orElseThrow().cookies()).containsEntry("cf_clearance", "abc");
  }

  @ParameterizedTest
  @EnumSource(value = Fault.class, names = {"CHALLENGE", "RATE_LIMIT", "SERVER_ERROR", "UNAUTHORIZED"})
  void refusalDeletesTheAuthFileAndDropsTheArgs(Fault fault) {
    cloudflare.createCompletion(hello());
    assertThat(cloudflare.getCacheFile()).exists();

    emulator.enqueueFault(fault);
    assertThatThrownBy(() -> cloudflare.createCompletion(hello(), PlaygroundFixture.NO_RETRIES))
        .isInstanceOf(ResponseStatusException.class);

    assertThat(cloudflare.getCacheFile()).doesNotExist();
    assertThat(cloudflare.args()).isEmpty();
  }

  @Test
  void afterARefusalTheNextCallStartsFresh() {
    cloudflare.createCompletion(hello());
    String stale = cloudflare.args().orElseThrow().cookies().get("__cf_bm");
    emulator.enqueueFault(Fault.SERVER_ERROR);
    assertThatThrownBy(() -> cloudflare.createCompletion(hello(), PlaygroundFixture.NO_RETRIES));

    cloudflare.createCompletion(hello());

    emulator.takeRequest();
    emulator.takeRequest();
    assertThat(emulator.takeRequest().cookies()).doesNotContainKey("__cf_bm");
    assertThat(cloudflare.args().orElseThrow().cookies().get("__cf_bm")).isNotEqualTo(stale);
  }

  @Test
  void brokenAuthFileIsIgnored() throws Exception {
    Files.writeString(cloudflare.getCacheFile(), "{not json");

    assertThat(cloudflare.createCompletion(hello()).finishReason()).isEqualTo("stop");
    assertThat(Files.readString(cloudflare.getCacheFile())).contains("__cf_bm");
  }

  @Test
  void argsToStringHidesCookieValues() {
    cloudflare.createCompletion(ChatRequest.of("x"),
        io.github.flare4j.CallOptions.builder().cookie("cf_clearance", "s3cret").build());

    assertThat(cloudflare.args().orElseThrow().toString()).contains("cf_clearance")
        .doesNotContain("s3cret");
  }
}
