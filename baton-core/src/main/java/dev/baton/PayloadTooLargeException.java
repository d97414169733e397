package dev.baton;

/**
 * A payload whose JSON is longer than the instance's limit ({@link BatonBuilder#maxPayloadBytes}).
 * The REST API answers it with 413.
 */
public class PayloadTooLargeException extends InvalidPayloadException {
  /** The payload's size in UTF-8 bytes of compact JSON. */
  private final long bytes;

  /** The limit it went over. */
  private final long limit;

  /**
   * Makes the exception.
   *
   * @param field the payload's name, such as {@code payload} or {@code requests[2].payload}
   * @param bytes the payload's size in UTF-8 bytes of compact JSON
   * @param limit the limit in bytes
   */
  public PayloadTooLargeException(String field, long bytes, long limit) {
    super(field, "is " + bytes + " bytes of JSON, over the limit of " + limit + " bytes", null);
    this.bytes = bytes;
    this.limit = limit;
  }

  /**
   * The payload's size.
   *
   * @return UTF-8 bytes of compact JSON
   */
  public long bytes() {
    return bytes;
  }

  /**
   * The limit it went over.
   *
   * @return bytes
   */
  public long limit() {
    return limit;
  }
}
