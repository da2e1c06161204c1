package io.github.flare4j.workersai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkersAIBuilderTest {

  @Test
  void environmentGivesAccountAndToken() {
    WorkersAI provider = WorkersAI.builder()
        .fromEnvironment(Map.of("CLOUDFLARE_ACCOUNT_ID", "acc", "CLOUDFLARE_API_TOKEN", "tok"))
        .build();

    assertThat(provider.accountId()).isEqualTo("acc");
    assertThat(provider.runUrl("@cf/a/b")).isEqualTo(
        "https://api.cloudflare.com/client/v4/accounts/acc/ai/run/@cf/a/b");
  }

  @Test
  void missingTokenNamesTheVariable() {
    assertThatThrownBy(() -> WorkersAI.builder().accountId("acc").fromEnvironment(Map.of()).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("CLOUDFLARE_API_TOKEN");
  }

  @Test
  void missingAccountNamesTheVariable() {
    assertThatThrownBy(() -> WorkersAIOpenAI.builder().apiToken("tok").build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("CLOUDFLARE_ACCOUNT_ID");
  }

  @Test
  void gatewayGivesTheAccountWhenNoneIsSet() {
    WorkersAIOpenAI provider = WorkersAIOpenAI.builder().apiToken("tok")
        .gateway(AiGateway.parse("acc/gw")).build();

    assertThat(provider.accountId()).isEqualTo("acc");
    assertThat(provider.chatCompletionsUrl())
        .isEqualTo("https://gateway.ai.cloudflare.com/v1/acc/gw/workers-ai/v1/chat/completions");
  }

  @Test
  void basePathPrefixIsKept() {
    WorkersAIOpenAI provider = WorkersAIOpenAI.builder().accountId("acc").apiToken("tok")
        .baseUrl("http://127.0.0.1:8787/mirror/").build();

    assertThat(provider.chatCompletionsUrl())
        .isEqualTo("http://127.0.0.1:8787/mirror/client/v4/accounts/acc/ai/v1/chat/completions");
  }

  @Test
  void toStringNeverShowsTheToken() {
    WorkersAIOpenAI provider = WorkersAIOpenAI.builder().accountId("acc").apiToken("s3cret").build();

    assertThat(provider.toString()).doesNotContain("s3cret");
    assertThat(WorkersAIOpenAI.builder().apiToken("s3cret").toString()).doesNotContain("s3cret");
  }
}
