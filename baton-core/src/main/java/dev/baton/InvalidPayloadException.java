package dev.baton;

/**
 * A payload, state or value that does not map to its class or cannot be stored: malformed JSON, a
 * field of the wrong type, an unknown field, or too many bytes. The message names the field and the
 * value where the JSON library reports them.
 */
public class InvalidPayloadException extends BatonException {
  /** The path of the offending field. */
  private final String field;

  /**
   * Makes the exception.
   *
   * @param field the path of the offending field, such as {@code payload.to}, or the whole value's
   *     name
   * @param message what is wrong with it
   * @param cause the JSON library's exception, or null
   */
  public InvalidPayloadException(String field, String message, Throwable cause) {
    super(field + ": " + message, cause);
    this.field = field;
  }

  /**
   * The path of the offending field.
   *
   * @return the field path
   */
  public String field() {
    return field;
  }
}
