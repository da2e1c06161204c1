package io.github.flare4j.internal.workersai;

import io.github.flare4j.ReasoningDelta;
import io.github.flare4j.ResponseItem;
import io.github.flare4j.TextDelta;
import io.github.flare4j.internal.stream.Bytes;
import io.github.flare4j.internal.stream.ItemBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The fast path for the chunks that make up almost all of an OpenAI-compatible stream:
 *
 * <pre>{@code
 * {"id":"chatcmpl-..","object":"chat.completion.chunk","created":1795675082,"model":"..",
 *  "choices":[{"index":0,"delta":{"content":".."},"logprobs":null,"finish_reason":null}],"usage":null}
 * }</pre>
 *
 * (one line, no spaces), and the same with {@code reasoning_content} (or {@code reasoning}) in the
 * delta. The members may come in any order and some may be missing, but only these are understood:
 * at the top {@code id}, {@code object}, {@code created}, {@code model}, {@code system_fingerprint}
 * and {@code service_tier} with a plain value (a string needing no unescaping, an integer,
 * {@code null}, {@code true} or {@code false}), {@code usage} as {@code null} and one
 * {@code choices} array of exactly one choice; in the choice {@code index} (an integer),
 * {@code logprobs} and {@code finish_reason} as {@code null}, and {@code delta}; in the delta
 * {@code role}, {@code content}, {@code reasoning_content} and {@code reasoning}, each a string
 * needing no unescaping or {@code null}. The text is made straight from the bytes.
 *
 * <p>The chunks of a stream differ in their text only: once a chunk with one text has been taken,
 * the next one that is the same bytes but for a text needing no unescaping (compared before and
 * after it) is taken at once, as the same kind of item. Otherwise the members before {@code choices}
 * are the same in every chunk of a stream: once a chunk has been taken, the next one that starts
 * with the same bytes skips them after one comparison.
 *
 * <p>Anything else (an escape in a string, a space, a tool call, a finish reason, usage, an error,
 * two choices, a number with a fraction, another member, text after the object...) makes this give
 * up having added nothing, and {@link CompletionReader} reads the chunk: so this can only be faster,
 * never different. Not thread-safe: one instance per stream.
 */
final class OpenAiDeltaChunks {
  private static final byte[] ID = Bytes.ascii("id");
  private static final byte[] OBJECT = Bytes.ascii("object");
  private static final byte[] CREATED = Bytes.ascii("created");
  private static final byte[] MODEL = Bytes.ascii("model");
  private static final byte[] SYSTEM_FINGERPRINT = Bytes.ascii("system_fingerprint");
  private static final byte[] SERVICE_TIER = Bytes.ascii("service_tier");
  private static final byte[] USAGE = Bytes.ascii("usage");
  private static final byte[] CHOICES = Bytes.ascii("choices");
  private static final byte[] INDEX = Bytes.ascii("index");
  private static final byte[] DELTA = Bytes.ascii("delta");
  private static final byte[] LOGPROBS = Bytes.ascii("logprobs");
  private static final byte[] FINISH_REASON = Bytes.ascii("finish_reason");
  private static final byte[] ROLE = Bytes.ascii("role");
  private static final byte[] CONTENT = Bytes.ascii("content");
  private static final byte[] REASONING_CONTENT = Bytes.ascii("reasoning_content");
  private static final byte[] REASONING = Bytes.ascii("reasoning");
  private static final byte[] NULL = Bytes.ascii("null");
  private static final byte[] TRUE = Bytes.ascii("true");
  private static final byte[] FALSE = Bytes.ascii("false");

  /** The most items one chunk may give here (a delta with both text and reasoning). */
  private static final int MAX_ITEMS = 2;

  private byte[] b;
  private int p;
  private int end;
  /** Where the last string read starts and ends (its quotes excluded). */
  private int stringStart;
  private int stringEnd;
  private final ResponseItem[] items = new ResponseItem[MAX_ITEMS];
  private int itemCount;
  /** The longest run of members before {@code choices} remembered. */
  private static final int MAX_HEAD = 512;
  /**
   * The bytes after the {@code {} of the last chunk taken up to its {@code "choices":}, all members
   * this path understands and that give no item; {@link #headLength} 0 when there is none. Made
   * to the size needed: thousands of streams may be open at once.
   */
  private byte[] head;
  private int headLength;
  /** In the chunk being read: where its members start and where its {@code choices} value starts, or -1. */
  private int headStart;
  private int headEnd;
  /** In the chunk being read: where the text of its last item starts and ends, and whether it is reasoning. */
  private int itemTextStart;
  private int itemTextEnd;
  private boolean itemReasoning;
  /**
   * The last chunk taken that gave one item, cut around that item's text: the bytes before its
   * opening quote ({@link #before}, up to and including the quote) and from its closing quote to
   * the end ({@link #after}); null when there is none.
   */
  private byte[] before;
  private byte[] after;
  private boolean templateReasoning;

  /**
   * Adds the chunk's items and returns true, or returns false, having added nothing, when
   * {@link CompletionReader} must read it.
   */
  boolean tryDecode(byte[] buffer, int offset, int length, ItemBuffer out) {
    if (before != null && sameButText(buffer, offset, offset + length, out)) {
      return true;
    }
    b = buffer;
    p = offset;
    end = offset + length;
    itemCount = 0;
    headEnd = -1;
    boolean understood = chunk() && p == end;
    if (understood) {
      for (int i = 0; i < itemCount; i++) {
        out.add(items[i]);
      }
      if (itemCount == 1) {
        before = Arrays.copyOfRange(b, offset, itemTextStart);
        after = Arrays.copyOfRange(b, itemTextEnd, end);
        templateReasoning = itemReasoning;
      }
      int n = headEnd - headStart;
      if (headEnd >= 0 && n <= MAX_HEAD) {
        if (head == null || head.length < n) {
          head = new byte[n];
        }
        System.arraycopy(b, headStart, head, 0, n);
        headLength = n;
      }
    }
    b = null;
    for (int i = 0; i < itemCount; i++) {
      items[i] = null;
    }
    itemCount = 0;
    return understood;
  }

  /**
   * Takes a chunk that is the last one-item chunk's bytes with another text needing no unescaping:
   * it parses the same, and gives the same kind of item (none when the text is empty).
   */
  private boolean sameButText(byte[] buffer, int offset, int end, ItemBuffer out) {
    int textStart = offset + before.length;
    if (end - textStart < after.length
        || !Arrays.equals(buffer, offset, textStart, before, 0, before.length)) {
      return false;
    }
    int textEnd = Bytes.plainUntilQuote(buffer, textStart, end);
    if (textEnd < 0 || end - textEnd != after.length
        || !Arrays.equals(buffer, textEnd, end, after, 0, after.length)) {
      return false;
    }
    if (textEnd > textStart) {
      b = buffer;
      stringStart = textStart;
      stringEnd = textEnd;
      String text = text();
      b = null;
      out.add(templateReasoning ? new ReasoningDelta(text) : new TextDelta(text));
    }
    return true;
  }

  /** The whole chunk object. */
  private boolean chunk() {
    if (!eat('{')) {
      return false;
    }
    boolean choicesSeen = false;
    headStart = p;
    if (headLength > 0 && end - p > headLength
        && Arrays.equals(b, p, p + headLength, head, 0, headLength)) {
      p += headLength; // the same members as the last chunk's, up to "choices":
      if (!choices()) {
        return false;
      }
      choicesSeen = true;
      if (!eat(',')) {
        return eat('}');
      }
    }
    do {
      if (!name()) {
        return false;
      }
      if (nameIs(CHOICES)) {
        if (choicesSeen) {
          return false;
        }
        headEnd = p;
        if (!choices()) {
          return false;
        }
        choicesSeen = true;
      } else if (nameIs(USAGE)) {
        if (!literal(NULL)) {
          return false;
        }
      } else if (nameIs(ID) || nameIs(OBJECT) || nameIs(CREATED) || nameIs(MODEL)
          || nameIs(SYSTEM_FINGERPRINT) || nameIs(SERVICE_TIER)) {
        if (!scalar()) {
          return false;
        }
      } else {
        return false;
      }
    } while (eat(','));
    return eat('}');
  }

  /** {@code [{"index":0,"delta":{..},"logprobs":null,"finish_reason":null}]}: one choice. */
  private boolean choices() {
    if (!eat('[') || !eat('{')) {
      return false;
    }
    do {
      if (!name()) {
        return false;
      }
      if (nameIs(DELTA)) {
        if (!delta()) {
          return false;
        }
      } else if (nameIs(INDEX)) {
        if (!integer()) {
          return false;
        }
      } else if (nameIs(LOGPROBS) || nameIs(FINISH_REASON)) {
        if (!literal(NULL)) {
          return false;
        }
      } else {
        return false;
      }
    } while (eat(','));
    return eat('}') && eat(']');
  }

  /** {@code {"content":".."}}, {@code {"reasoning_content":".."}}, {@code {"role":"assistant","content":""}}... */
  private boolean delta() {
    if (!eat('{')) {
      return false;
    }
    if (eat('}')) {
      return true;
    }
    do {
      if (!name()) {
        return false;
      }
      boolean content = nameIs(CONTENT);
      if (content || nameIs(REASONING_CONTENT) || nameIs(REASONING)) {
        if (literal(NULL)) {
          continue;
        }
        if (!string() || (stringEnd > stringStart && !addText(!content))) {
          return false;
        }
      } else if (nameIs(ROLE)) {
        if (!literal(NULL) && !string()) {
          return false;
        }
      } else {
        return false;
      }
    } while (eat(','));
    return eat('}');
  }

  /** Adds the string just read as a text or reasoning item, and remembers where it was. */
  private boolean addText(boolean reasoning) {
    itemTextStart = stringStart;
    itemTextEnd = stringEnd;
    itemReasoning = reasoning;
    return add(reasoning ? new ReasoningDelta(text()) : new TextDelta(text()));
  }

  private boolean add(ResponseItem item) {
    if (itemCount == MAX_ITEMS) {
      return false;
    }
    items[itemCount++] = item;
    return true;
  }

  /** A member's name and its colon; the name is then {@link #stringStart}..{@link #stringEnd}. */
  private boolean name() {
    return string() && eat(':');
  }

  private boolean nameIs(byte[] name) {
    return Arrays.equals(b, stringStart, stringEnd, name, 0, name.length);
  }

  /** A string that needs no unescaping: no backslash, no control character. */
  private boolean string() {
    if (p >= end || b[p] != '"') {
      return false;
    }
    int close = Bytes.plainUntilQuote(b, p + 1, end);
    if (close < 0) {
      return false;
    }
    stringStart = p + 1;
    stringEnd = close;
    p = close + 1;
    return true;
  }

  /** A short text and its bytes. */
  private record Text(byte[] bytes, String text) {}

  /**
   * Short texts seen lately, by a hash of their bytes, shared by every stream (tokens repeat); an
   * entry is replaced whole, so a reader sees either the old one or the new one.
   */
  private static final int TEXTS = 1024;
  private static final int MAX_CACHED = 24;
  private static final Text[] TEXT_CACHE = new Text[TEXTS];

  /** The last string read, decoded; a short one seen lately is the same String again. */
  private String text() {
    int n = stringEnd - stringStart;
    if (n > MAX_CACHED) {
      return new String(b, stringStart, n, StandardCharsets.UTF_8);
    }
    int hash = n;
    for (int i = stringStart; i < stringEnd; i++) {
      hash = 31 * hash + b[i];
    }
    int slot = (hash ^ (hash >>> 16)) & (TEXTS - 1);
    Text seen = TEXT_CACHE[slot];
    if (seen != null && Arrays.equals(seen.bytes(), 0, seen.bytes().length, b, stringStart, stringEnd)) {
      return seen.text();
    }
    String text = new String(b, stringStart, n, StandardCharsets.UTF_8);
    TEXT_CACHE[slot] = new Text(Arrays.copyOfRange(b, stringStart, stringEnd), text);
    return text;
  }

  /** A plain string, an integer, null, true or false. */
  private boolean scalar() {
    if (p >= end) {
      return false;
    }
    return switch (b[p]) {
      case '"' -> string();
      case 'n' -> literal(NULL);
      case 't' -> literal(TRUE);
      case 'f' -> literal(FALSE);
      default -> integer();
    };
  }

  /** {@code -?(0|[1-9][0-9]*)}, followed by a byte that ends a value. */
  private boolean integer() {
    int i = p;
    if (i < end && b[i] == '-') {
      i++;
    }
    if (i >= end || b[i] < '0' || b[i] > '9') {
      return false;
    }
    if (b[i] == '0') {
      i++;
    } else {
      while (i < end && b[i] >= '0' && b[i] <= '9') {
        i++;
      }
    }
    if (i >= end || (b[i] != ',' && b[i] != '}' && b[i] != ']')) {
      return false; // a fraction, an exponent, a space, a leading zero...: the parser decides
    }
    p = i;
    return true;
  }

  /** The literal, followed by a byte that ends a value. */
  private boolean literal(byte[] word) {
    int after = p + word.length;
    if (after >= end) {
      return false;
    }
    for (int i = 0; i < word.length; i++) {
      if (b[p + i] != word[i]) {
        return false;
      }
    }
    if (b[after] != ',' && b[after] != '}' && b[after] != ']') {
      return false;
    }
    p = after;
    return true;
  }

  private boolean eat(char c) {
    if (p < end && b[p] == c) {
      p++;
      return true;
    }
    return false;
  }
}
