package io.github.flare4j.bench.run;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.github.flare4j.ChatRequest;
import io.github.flare4j.cloudflare.Cloudflare;
import io.github.flare4j.emulator.workersai.WorkersAiAccount;
import io.github.flare4j.provider.ChatProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.Buffer;

/**
 * Tokens per second of one long reply per format, in this JVM, against the emulator in its own: the
 * floor (the same request sent again with plain OkHttp, its response bytes drained and discarded),
 * flare4j through its public API, and, on the OpenAI-compatible route, openai-java. Every contender
 * of a format is warmed up, then the measured rounds take turns, so that a slow moment of the shared
 * machine falls on all of them.
 */
final class Throughput {

    /** The rounds of one contender. */
    record Result(String contender, Stats tokensPerSecond, long bytesPerReply) {
    }

    private final String baseUrl;
    private final int tokens;
    private final int warmups;
    private final int rounds;
    private final Path cacheDir;

    Throughput(String baseUrl, int tokens, int warmups, int rounds) throws java.io.IOException {
        this.baseUrl = baseUrl;
        this.tokens = tokens;
        this.warmups = warmups;
        this.rounds = rounds;
        this.cacheDir = Files.createTempDirectory("flare4j-bench-cache");
    }

    /** Every format's results: floor, flare4j and, for {@link Wire#OPENAI}, openai-java. */
    Map<Wire, List<Result>> run() {
        Map<Wire, List<Result>> all = new EnumMap<>(Wire.class);
        for (Wire wire : Wire.values()) {
            all.put(wire, measure(wire));
        }
        return all;
    }

    private List<Result> measure(Wire wire) {
        String expected = Wire.expectedText(tokens);
        // the agent takes no max_tokens (it is refused by name): its reply is as long all the same
        ChatRequest request = wire == Wire.AGENTS ? Wire.request(tokens).toBuilder().defaultMaxTokens().build()
                : Wire.request(tokens);
        AtomicReference<Request> captured = new AtomicReference<>();
        OkHttpClient flareHttp = Wire.client(wire.formatHeader()).newBuilder()
                .addNetworkInterceptor(chain -> {
                    captured.compareAndSet(null, replayable(chain.request()));
                    return chain.proceed(chain.request());
                })
                .build();
        ChatProvider provider = wire.provider(baseUrl, flareHttp, cacheDir);
        Map<String, LongSupplier> contenders = new LinkedHashMap<>();
        AtomicLong bytes = new AtomicLong();
        contenders.put("flare4j", () -> {
            long chars = Wire.stream(provider, request);
            check(chars, expected.length(), "flare4j " + wire);
            return chars;
        });
        if (wire == Wire.AGENTS) {
            OkHttpClient plain = Wire.client(null);
            String url = ((Cloudflare) provider).agentsUrl("bench-floor");
            contenders.put("floor", () -> {
                long n = drainSocket(plain, url);
                bytes.set(n);
                return n;
            });
        } else {
            OkHttpClient plain = Wire.client(null);
            contenders.put("floor", () -> {
                Request again = captured.get();
                if (again == null) {
                    throw new IllegalStateException("flare4j's request was not captured");
                }
                try {
                    long n = Wire.drain(plain.newCall(again).execute());
                    bytes.set(n);
                    return n;
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        if (wire == Wire.OPENAI) {
            OpenAIClient openAi = openAiJava(baseUrl);
            ChatCompletionCreateParams params = openAiParams(tokens);
            contenders.put("openai-java", () -> {
                long chars = openAiJavaStream(openAi, params);
                check(chars, expected.length(), "openai-java");
                return chars;
            });
        }
        // flare4j first, so that its request is captured before the floor replays it
        for (int i = 0; i < warmups; i++) {
            contenders.values().forEach(LongSupplier::getAsLong);
        }
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        contenders.keySet().forEach(name -> rates.put(name, new ArrayList<>()));
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, LongSupplier> contender : contenders.entrySet()) {
                System.gc();
                long start = System.nanoTime();
                contender.getValue().getAsLong();
                double seconds = (System.nanoTime() - start) / 1e9;
                rates.get(contender.getKey()).add(tokens / seconds);
            }
        }
        List<Result> results = new ArrayList<>();
        for (String name : List.of("floor", "flare4j", "openai-java")) {
            if (rates.containsKey(name)) {
                results.add(new Result(name, Stats.of(rates.get(name)), bytes.get()));
            }
        }
        System.err.printf("  %-34s %s%n", wire.label(), summary(results));
        return results;
    }

    private static String summary(List<Result> results) {
        StringBuilder out = new StringBuilder();
        for (Result r : results) {
            out.append(String.format("%s %,.0f tok/s (±%.1f%%)  ", r.contender(), r.tokensPerSecond().mean(),
                    r.tokensPerSecond().relativeSd()));
        }
        return out.toString();
    }

    private static void check(long chars, long expected, String who) {
        if (chars != expected) {
            throw new IllegalStateException(who + " received " + chars + " characters of text, expected " + expected);
        }
    }

    /** The request as sent, minus what OkHttp adds itself, with a body that can be sent again. */
    private static Request replayable(Request sent) throws java.io.IOException {
        Headers.Builder headers = sent.headers().newBuilder();
        for (String name : List.of("Host", "Content-Length", "Connection", "Accept-Encoding", "Transfer-Encoding")) {
            headers.removeAll(name);
        }
        RequestBody body = null;
        if (sent.body() != null) {
            Buffer buffer = new Buffer();
            sent.body().writeTo(buffer);
            body = RequestBody.create(buffer.readByteArray(), sent.body().contentType());
        }
        return new Request.Builder().url(sent.url()).headers(headers.build()).method(sent.method(), body).build();
    }

    /**
     * The Agents floor: the same chat over the same socket with plain OkHttp, the model chosen in the
     * agent's state, every frame received counted and dropped, until the frame that ends the reply.
     */
    static long drainSocket(OkHttpClient http, String url) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        AtomicLong received = new AtomicLong();
        WebSocket socket = http.newWebSocket(new Request.Builder().url(url).build(), new WebSocketListener() {
            @Override
            public void onOpen(WebSocket webSocket, Response response) {
                webSocket.send("{\"type\":\"cf_agent_state\",\"state\":{\"model\":\"" + Wire.MODEL
                        + "\",\"temperature\":1,\"stream\":true,\"system\":\"\",\"useExternalProvider\":false,"
                        + "\"externalProvider\":\"openai\"}}");
                webSocket.send("{\"id\":\"bench1\",\"init\":{\"method\":\"POST\",\"body\":\"{\\\"messages\\\":"
                        + "[{\\\"id\\\":\\\"u1\\\",\\\"role\\\":\\\"user\\\",\\\"parts\\\":[{\\\"type\\\":\\\"text\\\","
                        + "\\\"text\\\":\\\"Write a long story.\\\"}]}],\\\"trigger\\\":\\\"submit-message\\\"}\"},"
                        + "\"type\":\"cf_agent_use_chat_request\"}");
            }

            @Override
            public void onMessage(WebSocket webSocket, String text) {
                received.addAndGet(text.length());
                if (text.contains("\"done\":true")) {
                    done.complete(received.get());
                }
            }

            @Override
            public void onFailure(WebSocket webSocket, Throwable t, Response response) {
                done.completeExceptionally(t);
            }
        });
        try {
            return done.get(5, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException("the Agents floor failed", e);
        } finally {
            socket.close(1000, null);
        }
    }

    /** openai-java pointed at the emulator's OpenAI-compatible route. */
    static OpenAIClient openAiJava(String baseUrl) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(baseUrl + "/client/v4/accounts/" + WorkersAiAccount.DEFAULT_ACCOUNT_ID + "/ai/v1")
                .apiKey(WorkersAiAccount.DEFAULT_API_TOKEN)
                .maxRetries(0)
                .timeout(Duration.ofMinutes(10))
                .build();
    }

    static ChatCompletionCreateParams openAiParams(int tokens) {
        return ChatCompletionCreateParams.builder().model(Wire.MODEL).addUserMessage("Write a long story.")
                .maxTokens(tokens).build();
    }

    /** Streams one reply through openai-java; returns the characters of text received. */
    static long openAiJavaStream(OpenAIClient client, ChatCompletionCreateParams params) {
        long chars = 0;
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            for (ChatCompletionChunk chunk : (Iterable<ChatCompletionChunk>) stream.stream()::iterator) {
                for (ChatCompletionChunk.Choice choice : chunk.choices()) {
                    chars += choice.delta().content().map(String::length).orElse(0);
                }
            }
        }
        return chars;
    }
}
