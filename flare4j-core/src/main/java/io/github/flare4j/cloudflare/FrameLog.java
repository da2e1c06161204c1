package io.github.flare4j.cloudflare;

import java.lang.System.Logger.Level;

/**
 * Every Agents frame sent and received, at {@link Level#DEBUG} ({@code flare4j --debug} shows
 * them): what the real service says cannot be seen any other way. Frames carry the conversation
 * and the agent's settings, never cookies or tokens (those travel in the upgrade's headers).
 */
final class FrameLog {
  private static final System.Logger LOG = System.getLogger(FrameLog.class.getName());
  private static final int SHOWN = 400;

  private FrameLog() {}

  static void sent(String frame) {
    if (LOG.isLoggable(Level.DEBUG)) {
      LOG.log(Level.DEBUG, "-> {0}", shorten(frame));
    }
  }

  static void received(String frame) {
    if (LOG.isLoggable(Level.DEBUG)) {
      LOG.log(Level.DEBUG, "<- {0}", shorten(frame));
    }
  }

  private static String shorten(String frame) {
    return frame.length() <= SHOWN ? frame
        : frame.substring(0, SHOWN) + "... (" + frame.length() + " characters)";
  }
}
