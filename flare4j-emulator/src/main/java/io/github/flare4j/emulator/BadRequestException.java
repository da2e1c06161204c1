package io.github.flare4j.emulator;

/** A request body the emulator cannot answer; reported to the client as {@code 400} with the message. */
final class BadRequestException extends Exception {

    BadRequestException(String message) {
        super(message);
    }

    BadRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
