package io.github.flare4j.emulator;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** What the running emulator answers with; read by the routes on every request, changed by {@link Emulator}. */
final class EmulatorSettings {

    private volatile StreamFormat format;
    private volatile List<String> models;
    private volatile Duration tokenDelay;
    private volatile int retryAfterSeconds = 7;
    private volatile int replyTokens;
    private final Duration stallDuration;
    private final boolean sdkContentTypes;
    private volatile boolean coalesceWrites;
    private volatile boolean workersPaid;
    private volatile boolean busy;
    private volatile int pingFloodSize = HostileSocket.FLOOD_PINGS;
    private final ReplySignals signals = new ReplySignals();

    EmulatorSettings(StreamFormat format, List<String> models, Duration tokenDelay, Duration stallDuration,
            boolean sdkContentTypes) {
        this.format = Objects.requireNonNull(format, "format");
        this.models = List.copyOf(models);
        this.tokenDelay = Objects.requireNonNull(tokenDelay, "tokenDelay");
        this.stallDuration = Objects.requireNonNull(stallDuration, "stallDuration");
        this.sdkContentTypes = sdkContentTypes;
    }

    StreamFormat format() {
        return format;
    }

    void format(StreamFormat format) {
        this.format = Objects.requireNonNull(format, "format");
    }

    List<String> models() {
        return models;
    }

    void models(List<String> models) {
        this.models = List.copyOf(models);
    }

    /** How long to wait before each streamed frame; zero for none. */
    Duration tokenDelay() {
        return tokenDelay;
    }

    void tokenDelay(Duration tokenDelay) {
        this.tokenDelay = Objects.requireNonNull(tokenDelay, "tokenDelay");
    }

    /** The {@code Retry-After} of a rate-limited answer, in seconds (7 by default). */
    int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    void retryAfterSeconds(int seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("Retry-After must be 0 or more seconds, was " + seconds);
        }
        this.retryAfterSeconds = seconds;
    }

    /** How many tokens every text reply has, whatever was asked; 0 for the scripted answer. */
    int replyTokens() {
        return replyTokens;
    }

    void replyTokens(int replyTokens) {
        this.replyTokens = ReplyScript.requireReplyTokens(replyTokens);
    }

    /** Whether streamed HTTP frames are gathered into larger chunks instead of one flushed chunk each. */
    boolean coalesceWrites() {
        return coalesceWrites;
    }

    void coalesceWrites(boolean coalesceWrites) {
        this.coalesceWrites = coalesceWrites;
    }

    /** What the routes tell waiting tests (holds, replies written, connections closed). */
    ReplySignals signals() {
        return signals;
    }

    /** How long a {@link Fault#STALL}ed response stays silent before it ends. */
    Duration stallDuration() {
        return stallDuration;
    }

    /** Whether to send the AI SDK's own content types instead of the playground's {@code text/x-unknown}. */
    boolean sdkContentTypes() {
        return sdkContentTypes;
    }

    /** Whether the Workers AI account is on the Workers Paid plan (else Free: paid-only models answer 5035). */
    boolean workersPaid() {
        return workersPaid;
    }

    void workersPaid(boolean workersPaid) {
        this.workersPaid = workersPaid;
    }

    /** Whether Workers AI's models are at capacity: a request with {@code rejectIfBusy} is refused with 3040. */
    boolean busy() {
        return busy;
    }

    void busy(boolean busy) {
        this.busy = busy;
    }

    /** How many pings {@link AgentFault#PING_FLOOD} sends. */
    int pingFloodSize() {
        return pingFloodSize;
    }

    void pingFloodSize(int pings) {
        this.pingFloodSize = pings;
    }
}
