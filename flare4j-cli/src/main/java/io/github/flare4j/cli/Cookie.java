package io.github.flare4j.cli;

import picocli.CommandLine.TypeConversionException;

/**
 * A cookie given with {@code --cookie NAME=VALUE}. {@link #toString()} hides the value: cookie
 * values are secrets ({@code cf_clearance}) and are never printed.
 *
 * @param name the cookie's name
 * @param value the cookie's value
 */
record Cookie(String name, String value) {

  /**
   * Reads {@code NAME=VALUE}.
   *
   * @throws TypeConversionException naming what is wrong, without the value
   */
  static Cookie parse(String text) {
    int eq = text.indexOf('=');
    if (eq <= 0) {
      throw new TypeConversionException(
          "expected NAME=VALUE, e.g. cf_clearance=..., with a name before the '='");
    }
    String name = text.substring(0, eq).trim();
    String value = text.substring(eq + 1).trim();
    if (name.isEmpty() || !isToken(name)) {
      throw new TypeConversionException(
          "the cookie name must be letters, digits or !#$%&'*+-.^_`|~ (no spaces, ';' or ',')");
    }
    if (!isValue(value)) {
      throw new TypeConversionException(
          "the value of cookie '" + name + "' must not contain spaces, '\"', ',', ';' or '\\'");
    }
    return new Cookie(name, value);
  }

  @Override
  public String toString() {
    return name + "=***";
  }

  private static boolean isToken(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean isValue(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean ok = c > 0x20 && c < 0x7f && c != '"' && c != ',' && c != ';' && c != '\\';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
