package io.github.flare4j.cli;

import io.github.flare4j.cloudflare.Transport;
import io.github.flare4j.emulator.StreamFormat;
import io.github.flare4j.http.ProxySpec;
import io.github.flare4j.workersai.AiGateway;
import java.math.BigDecimal;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads option values. A value that cannot be read is a usage error ({@link ExitCodes#USAGE}); the
 * messages never repeat a secret (a proxy password, a cookie value).
 */
final class Converters {
  private Converters() {}

  /** {@code --proxy URL}: {@code http://}, {@code https://} or {@code socks5://}. */
  static final class Proxy implements ITypeConverter<ProxySpec> {
    @Override
    public ProxySpec convert(String value) {
      try {
        return ProxySpec.parse(value);
      } catch (IllegalArgumentException e) {
        // ProxySpec's messages name what is wrong without echoing the password.
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** {@code --cookie NAME=VALUE}. */
  static final class CookieValue implements ITypeConverter<Cookie> {
    @Override
    public Cookie convert(String value) {
      return Cookie.parse(value);
    }
  }

  /** A number of seconds, possibly with a fraction ({@code 30}, {@code 0.5}), above zero. */
  static final class Seconds implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      BigDecimal seconds;
      try {
        seconds = new BigDecimal(value.trim());
      } catch (NumberFormatException e) {
        throw new TypeConversionException("'" + value + "' is not a number of seconds");
      }
      if (seconds.signum() <= 0) {
        throw new TypeConversionException("the number of seconds must be above 0, was " + value);
      }
      if (seconds.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 1_000_000_000L)) > 0) {
        throw new TypeConversionException("'" + value + "' seconds is too long");
      }
      long nanos = seconds.movePointRight(9).longValue();
      return Duration.ofNanos(Math.max(nanos, 1_000_000L));
    }
  }

  /** {@code v4} or {@code v5}, in any case. */
  static final class Format implements ITypeConverter<StreamFormat> {
    @Override
    public StreamFormat convert(String value) {
      try {
        return StreamFormat.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("expected v4 or v5, not '" + value + "'");
      }
    }
  }

  /** {@code --provider playground|workers-ai|openai}, in any case. */
  static final class Provider implements ITypeConverter<ProviderKind> {
    @Override
    public ProviderKind convert(String value) {
      try {
        return ProviderKind.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** {@code --transport auto|agents|inference}, in any case. */
  static final class TransportName implements ITypeConverter<Transport> {
    @Override
    public Transport convert(String value) {
      try {
        return Transport.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("expected auto, agents or inference, not '" + value + "'");
      }
    }
  }

  /** {@code --gateway ACCOUNT/GATEWAY}. */
  static final class Gateway implements ITypeConverter<AiGateway> {
    @Override
    public AiGateway convert(String value) {
      try {
        return AiGateway.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** A size in bytes: {@code 1048576}, {@code 512k}, {@code 512KiB}, {@code 1m}, {@code 1MiB}. */
  static final class ByteSize implements ITypeConverter<Long> {
    private static final java.util.regex.Pattern SIZE = java.util.regex.Pattern.compile(
        "(\\d{1,12})\\s*(b|k|kb|kib|m|mb|mib)?", java.util.regex.Pattern.CASE_INSENSITIVE);

    @Override
    public Long convert(String value) {
      java.util.regex.Matcher matcher = SIZE.matcher(value.strip());
      if (!matcher.matches()) {
        throw new TypeConversionException("expected a size such as 1048576, 512KiB or 1MiB, not '"
            + value + "'");
      }
      long number = Long.parseLong(matcher.group(1));
      String unit = matcher.group(2) == null ? "b" : matcher.group(2).toLowerCase(java.util.Locale.ROOT);
      long size = number * (unit.startsWith("m") ? 1L << 20 : unit.startsWith("k") ? 1L << 10 : 1);
      if (size < 1) {
        throw new TypeConversionException("the size must be at least 1 byte, was " + value);
      }
      return size;
    }
  }

  /** {@code N/min} (or {@code N}): a number of requests per minute, 0 for no limit. */
  static final class PerMinute implements ITypeConverter<Integer> {
    private static final java.util.regex.Pattern RATE = java.util.regex.Pattern.compile(
        "(\\d{1,9})\\s*(/\\s*(min|minute|m))?", java.util.regex.Pattern.CASE_INSENSITIVE);

    @Override
    public Integer convert(String value) {
      java.util.regex.Matcher matcher = RATE.matcher(value.strip());
      if (!matcher.matches()) {
        throw new TypeConversionException("expected requests per minute such as 60/min, not '"
            + value + "'");
      }
      return Integer.parseInt(matcher.group(1));
    }
  }
}
