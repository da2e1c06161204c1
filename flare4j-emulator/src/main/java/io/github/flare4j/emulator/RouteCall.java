package io.github.flare4j.emulator;

/**
 * What the handler has worked out about a request before routing it.
 *
 * @param body   the request body, read whole ({@code ""} when empty)
 * @param format the stream format asked for by header, else the emulator's
 * @param fault  the body fault to apply, or null for none
 */
record RouteCall(String body, StreamFormat format, Fault fault) {
}
