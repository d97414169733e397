package dev.baton;

/** The root of every exception Baton throws on purpose. Unchecked. */
public class BatonException extends RuntimeException {
  /**
   * Makes an exception with a message.
   *
   * @param message what went wrong
   */
  public BatonException(String message) {
    super(message);
  }

  /**
   * Makes an exception with a message and a cause.
   *
   * @param message what went wrong
   * @param cause what caused it
   */
  public BatonException(String message, Throwable cause) {
    super(message, cause);
  }
}
