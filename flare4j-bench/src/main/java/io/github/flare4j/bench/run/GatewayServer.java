package io.github.flare4j.bench.run;

import io.github.flare4j.Flare4j;
import io.github.flare4j.emulator.workersai.WorkersAiAccount;
import io.github.flare4j.gateway.Gateway;
import io.github.flare4j.workersai.WorkersAIOpenAI;
import java.io.IOException;

/**
 * The gateway in a JVM of its own, in front of the emulator's OpenAI-compatible route, so its CPU
 * time and resident set can be read from outside. Prints {@code PORT <n>} once listening, and
 * stops when its standard input closes.
 */
public final class GatewayServer {

    private GatewayServer() {
    }

    /**
     * Runs the gateway.
     *
     * @param args {@code UPSTREAM_BASE_URL MAX_STREAMS}
     * @throws IOException when standard input cannot be read
     */
    public static void main(String[] args) throws IOException {
        String upstream = args[0];
        int maxStreams = Integer.parseInt(args[1]);
        try (Flare4j flare4j = Flare4j.builder().noBrowser().build()) {
            WorkersAIOpenAI provider = WorkersAIOpenAI.builder().client(flare4j)
                    .accountId(WorkersAiAccount.DEFAULT_ACCOUNT_ID).apiToken(WorkersAiAccount.DEFAULT_API_TOKEN)
                    .baseUrl(upstream).timeouts(Wire.TIMEOUTS).build();
            try (Gateway gateway = Gateway.builder().provider("workers-ai", provider).port(0)
                    .maxConcurrentStreams(maxStreams).build().start()) {
                System.out.println("PORT " + gateway.port());
                System.out.flush();
                while (System.in.read() >= 0) {
                    // until the harness goes away
                }
            }
        }
    }
}
