package dev.baton.server.tasks;

import java.util.List;

/**
 * Settings of the {@code http} task type ({@code tasks.http.*} in the server's configuration).
 *
 * @param allow hosts and address ranges tasks may call although they are loopback, private,
 *     link-local or metadata addresses: a host name ({@code hooks.internal.example}), a name with a
 *     leading {@code *.} for its subdomains, an IP address, or a CIDR block ({@code 10.1.0.0/16},
 *     {@code 127.0.0.1/32}); empty denies them all
 * @param resultChars how many characters of the response body the result and error messages keep, 0
 *     to 65,536
 */
public record HttpTaskSettings(List<String> allow, int resultChars) {
  /** The result keeps this many characters of the body unless configured. */
  public static final int DEFAULT_RESULT_CHARS = 2000;

  /**
   * Checks the fields.
   *
   * @throws IllegalArgumentException naming the key of a bad value
   */
  public HttpTaskSettings {
    allow = allow == null ? List.of() : List.copyOf(allow);
    if (resultChars < 0 || resultChars > 65_536) {
      throw new IllegalArgumentException(
          "tasks.http.result-chars must be 0 to 65536 but was " + resultChars);
    }
    HttpTargets.parse(allow);
  }

  /**
   * The defaults: nothing internal allowed, 2,000 characters of body.
   *
   * @return the defaults
   */
  public static HttpTaskSettings defaults() {
    return new HttpTaskSettings(List.of(), DEFAULT_RESULT_CHARS);
  }
}
