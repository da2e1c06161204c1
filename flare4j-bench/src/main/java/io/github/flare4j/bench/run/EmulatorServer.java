package io.github.flare4j.bench.run;

import io.github.flare4j.emulator.Emulator;
import java.io.IOException;
import java.time.Duration;

/**
 * The emulator in a JVM of its own, so that serving costs the measured JVM nothing: every text reply
 * is {@code --reply-tokens N} filler tokens, with no pause between them, sent in 32 KiB chunks (the
 * same bytes as one chunk per frame, in far fewer writes, so the client is what is measured), each request on a virtual
 * thread. Prints {@code PORT <n>} once listening, and stops when its standard input closes.
 */
public final class EmulatorServer {

    private EmulatorServer() {
    }

    /**
     * Runs the emulator.
     *
     * @param args {@code --reply-tokens N}, {@code --token-delay-ms MS} (default 0: no pause)
     * @throws IOException when standard input cannot be read
     */
    public static void main(String[] args) throws IOException {
        int replyTokens = 200;
        long tokenDelayMs = 0;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--reply-tokens")) {
                replyTokens = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--token-delay-ms")) {
                tokenDelayMs = Long.parseLong(args[++i]);
            } else {
                throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        try (Emulator emulator = Emulator.builder()
                .replyTokens(replyTokens)
                .tokenDelay(Duration.ofMillis(tokenDelayMs))
                .virtualThreads(true)
                .coalesceWrites(tokenDelayMs == 0) // paced tokens go out one by one, as a model sends them
                .start()) {
            System.out.println("PORT " + emulator.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // until the harness goes away
            }
        }
    }
}
