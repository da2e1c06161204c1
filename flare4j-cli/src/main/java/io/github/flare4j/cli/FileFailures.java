package io.github.flare4j.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Why a file could not be read, in words (never a Java class name). */
final class FileFailures {
  private FileFailures() {}

  /** "permission denied", "no such file", the system's reason, or the message. */
  static String reason(IOException e) {
    return switch (e) {
      case AccessDeniedException denied -> "permission denied";
      case NoSuchFileException missing -> "no such file";
      case FileSystemException other when other.getReason() != null -> other.getReason();
      default -> e.getMessage() == null || e.getMessage().isBlank() ? "an input/output error"
          : e.getMessage();
    };
  }
}
