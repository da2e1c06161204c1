package io.github.flare4j.emulator;

import java.util.Locale;

/**
 * The command line of {@link EmulatorMain}: {@code [--port N] [--host H] [--format v4|v5]}, each
 * also accepted as {@code --name=value}.
 *
 * @param host   the address to listen on
 * @param port   the port to listen on
 * @param format the default stream format
 */
record EmulatorOptions(String host, int port, StreamFormat format) {

    static final String USAGE = "usage: flare4j-emulator [--port N] [--host H] [--format v4|v5]";

    /**
     * Reads the arguments.
     *
     * @throws IllegalArgumentException with a message for the user when they are wrong
     */
    static EmulatorOptions parse(String... args) {
        String host = "127.0.0.1";
        int port = Emulator.DEFAULT_PORT;
        StreamFormat format = StreamFormat.V4;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name.toLowerCase(Locale.ROOT)) {
                case "--port" -> port = port(value != null ? value : next(args, ++i, name));
                case "--host" -> host = value != null ? value : next(args, ++i, name);
                case "--format" -> format = StreamFormat.parse(value != null ? value : next(args, ++i, name));
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        return new EmulatorOptions(host, port, format);
    }

    /** A builder with these options applied. */
    Emulator.Builder builder() {
        return Emulator.builder().host(host).port(port).format(format);
    }

    private static String next(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i];
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--port needs a number from 0 to 65535, not '" + value + "'");
    }
}
