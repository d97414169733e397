package dev.baton.internal;

/** Checks on names that users choose and that end up in URLs, logs and terminals. */
final class Text {
  private Text() {}

  /** Whether the text holds a C0 or C1 control character, DEL included. */
  static boolean hasControl(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isISOControl(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** The text with each control character written as a Java escape, safe to print. */
  static String escapeControl(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
