package io.github.flare4j.gateway.http;

import tools.jackson.databind.json.JsonMapper;

/** The gateway's one JSON mapper (immutable, thread-safe). */
public final class Json {
  /** Reads request trees and writes reply trees. */
  public static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Json() {}
}
