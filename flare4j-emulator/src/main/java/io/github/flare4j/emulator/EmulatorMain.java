package io.github.flare4j.emulator;

import java.util.List;

/**
 * Runs an {@link Emulator} from the command line until the process is stopped:
 * {@code java io.github.flare4j.emulator.EmulatorMain [--port N] [--host H] [--format v4|v5]}.
 *
 * <p>Defaults: port {@value Emulator#DEFAULT_PORT}, host {@code 127.0.0.1}, format {@code v4}.
 * Once listening it prints {@code flare4j emulator listening on http://127.0.0.1:8787} on standard
 * output. Faults and the format can then be chosen per request with the
 * {@value Emulator#FAULT_HEADER} and {@value Emulator#FORMAT_HEADER} headers.
 */
public final class EmulatorMain {

    private EmulatorMain() {
    }

    /**
     * Starts the emulator and waits until the process is stopped.
     *
     * @param args {@code [--port N] [--host H] [--format v4|v5]}
     * @throws InterruptedException if interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(EmulatorOptions.USAGE);
            return;
        }
        EmulatorOptions options;
        try {
            options = EmulatorOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(EmulatorOptions.USAGE);
            System.exit(2);
            return;
        }
        Emulator emulator;
        try {
            emulator = options.builder().start();
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause().getMessage()));
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "flare4j-emulator-shutdown"));
        System.out.println("flare4j emulator listening on " + emulator.baseUrl());
        System.out.flush();
        emulator.awaitTermination();
    }
}
