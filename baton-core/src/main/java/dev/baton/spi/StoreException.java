package dev.baton.spi;

import dev.baton.BatonException;

/**
 * A backend failed: the connection dropped, a query failed, the server refused. The driver's
 * exception is the cause, with its message intact.
 */
public class StoreException extends BatonException {
  /**
   * Makes the exception.
   *
   * @param message what Baton was doing, with ids where they help
   * @param cause the driver's exception
   */
  public StoreException(String message, Throwable cause) {
    super(cause == null ? message : message + ": " + cause.getMessage(), cause);
  }

  /**
   * Makes the exception without a cause.
   *
   * @param message what went wrong
   */
  public StoreException(String message) {
    super(message);
  }
}
