package io.github.flare4j.bench.run;

import io.github.flare4j.CallOptions;
import io.github.flare4j.ChatRequest;
import io.github.flare4j.ChatStream;
import io.github.flare4j.ResponseItem;
import io.github.flare4j.TextDelta;
import io.github.flare4j.cloudflare.Cloudflare;
import io.github.flare4j.cloudflare.Transport;
import io.github.flare4j.emulator.ReplyScript;
import io.github.flare4j.emulator.workersai.WorkersAiAccount;
import io.github.flare4j.http.Timeouts;
import io.github.flare4j.provider.ChatProvider;
import io.github.flare4j.workersai.WorkersAI;
import io.github.flare4j.workersai.WorkersAIOpenAI;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** The wire formats measured, and how flare4j's public API reaches each on the emulator. */
public enum Wire {
    /** The playground's {@code POST /api/inference}, AI SDK v4 data stream. */
    V4("playground v4 data stream"),
    /** The playground's {@code POST /api/inference}, AI SDK v5 UI message stream (SSE). */
    V5("playground v5 UI message stream"),
    /** Workers AI REST {@code /ai/run/{model}} (SSE). */
    REST("Workers AI REST (SSE)"),
    /** Workers AI's OpenAI-compatible {@code /ai/v1/chat/completions} (SSE). */
    OPENAI("OpenAI-compatible (SSE)"),
    /** The playground's Agents chat WebSocket. */
    AGENTS("Agents WebSocket");

    /** The model every request names. */
    public static final String MODEL = "@cf/meta/llama-3.1-8b-instruct-fp8";

    /** Generous limits: a measurement must never be cut by a timeout. */
    static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(30), Duration.ofMinutes(3), Duration.ofMinutes(1));

    static final CallOptions CALL = CallOptions.builder().maxRetries(0).timeout(Duration.ofMinutes(10)).build();

    private final String label;

    Wire(String label) {
        this.label = label;
    }

    /** A human name for tables. */
    public String label() {
        return label;
    }

    /** The text of a reply of {@code tokens} tokens. */
    static String expectedText(int tokens) {
        return String.join("", ReplyScript.filler(tokens));
    }

    /** The request flare4j sends: one user turn, {@code max_tokens} the reply length. */
    static ChatRequest request(int tokens) {
        return ChatRequest.builder().model(MODEL).user("Write a long story.").maxTokens(tokens).build();
    }

    /** An OkHttp client with the limits above; with {@code format} it asks the playground route for that stream format. */
    static OkHttpClient client(String format) {
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .connectTimeout(30, TimeUnit.SECONDS)
                .readTimeout(3, TimeUnit.MINUTES)
                .writeTimeout(1, TimeUnit.MINUTES);
        if (format != null) {
            builder.addInterceptor(chain -> chain.proceed(
                    chain.request().newBuilder().header("x-emulator-format", format).build()));
        }
        return builder.build();
    }

    /** A flare4j provider for this format on the emulator at {@code baseUrl}, with {@code http} as its client. */
    ChatProvider provider(String baseUrl, OkHttpClient http, Path cacheDir) {
        return switch (this) {
            case V4, V5 -> Cloudflare.builder().baseUrl(baseUrl).cacheDirectory(cacheDir).timeouts(TIMEOUTS)
                    .transport(Transport.INFERENCE).httpClient(http).build();
            case AGENTS -> Cloudflare.builder().baseUrl(baseUrl).cacheDirectory(cacheDir).timeouts(TIMEOUTS)
                    .transport(Transport.AGENTS).httpClient(http).build();
            case REST -> WorkersAI.builder().accountId(WorkersAiAccount.DEFAULT_ACCOUNT_ID)
                    .apiToken(WorkersAiAccount.DEFAULT_API_TOKEN).baseUrl(baseUrl).timeouts(TIMEOUTS)
                    .httpClient(http).build();
            case OPENAI -> openAi(baseUrl, http);
        };
    }

    /** flare4j's OpenAI-compatible provider on the emulator. */
    static WorkersAIOpenAI openAi(String baseUrl, OkHttpClient http) {
        return WorkersAIOpenAI.builder().accountId(WorkersAiAccount.DEFAULT_ACCOUNT_ID)
                .apiToken(WorkersAiAccount.DEFAULT_API_TOKEN).baseUrl(baseUrl).timeouts(TIMEOUTS)
                .httpClient(http).build();
    }

    /** The stream format header this format needs on the playground route, or null. */
    String formatHeader() {
        return switch (this) {
            case V4 -> "v4";
            case V5 -> "v5";
            default -> null;
        };
    }

    /** Streams one reply through flare4j and returns the characters of text received. */
    static long stream(ChatProvider provider, ChatRequest request) {
        long chars = 0;
        try (ChatStream stream = provider.stream(request, CALL)) {
            for (ResponseItem item : stream) {
                if (item instanceof TextDelta delta) {
                    chars += delta.text().length();
                }
            }
        }
        return chars;
    }

    /** Reads a whole body into a small buffer, keeping nothing: the floor's drain. Returns the bytes read. */
    static long drain(Response response) {
        try (response; InputStream in = response.body().byteStream()) {
            if (!response.isSuccessful()) {
                throw new IllegalStateException("the emulator answered " + response.code());
            }
            byte[] buffer = new byte[8192];
            long total = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
            }
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of a captured request, to send again. */
    static Request copy(Request request) {
        return request.newBuilder().build();
    }
}
