package dev.baton.retry;

import java.time.Duration;
import java.util.regex.Matcher;

/**
 * How many attempts a task gets and how long to wait between them. Policies are values: build them
 * with the static factories and share them freely.
 *
 * <pre>{@code
 * RetryPolicy.exponential(Duration.ofSeconds(1), 2.0).maxDelay(Duration.ofMinutes(1)).maxRetries(5)
 * }</pre>
 *
 * <p>A policy is stored with each task, in the text form of {@link #spec()}, so that every node
 * that runs the task waits as the enqueuing node decided. The set of policies is closed for that
 * reason: any node must be able to read a stored one back with {@link #parse(String)}.
 */
public sealed interface RetryPolicy permits FixedRetry, ExponentialRetry {
  /**
   * The attempt limit for tasks that do not set their own: one first attempt plus the retries.
   *
   * @return at least 1
   */
  int maxAttempts();

  /**
   * The wait before the next attempt, after attempt {@code failedAttempt} failed.
   *
   * @param failedAttempt the attempt that failed, from 1
   * @return the delay, zero or more
   */
  Duration delay(int failedAttempt);

  /**
   * No retries: the first failure is final.
   *
   * @return the policy
   */
  static RetryPolicy none() {
    return new FixedRetry(Duration.ZERO, 0);
  }

  /**
   * The same delay before every retry.
   *
   * @param delay the wait, zero or more
   * @param maxRetries retries after the first attempt, zero or more
   * @return the policy
   * @throws IllegalArgumentException if the delay or maxRetries is negative
   */
  static RetryPolicy fixed(Duration delay, int maxRetries) {
    return new FixedRetry(delay, maxRetries);
  }

  /**
   * Delays that grow by {@code multiplier} each retry, from {@code initial}; refine it with {@link
   * ExponentialRetry#maxDelay}, {@link ExponentialRetry#maxRetries} and {@link
   * ExponentialRetry#jitter}. Defaults: no maximum delay below one day, {@value
   * ExponentialRetry#DEFAULT_MAX_RETRIES} retries, jitter {@value ExponentialRetry#DEFAULT_JITTER}.
   *
   * @param initial the first delay, positive
   * @param multiplier the growth factor, at least 1
   * @return the policy
   * @throws IllegalArgumentException if {@code initial} is not positive or {@code multiplier} is
   *     below 1
   */
  static ExponentialRetry exponential(Duration initial, double multiplier) {
    return new ExponentialRetry(
        initial,
        multiplier,
        Duration.ofDays(1),
        ExponentialRetry.DEFAULT_MAX_RETRIES,
        ExponentialRetry.DEFAULT_JITTER);
  }

  /**
   * The policy's canonical text form, as stored with a task and read back by {@link #parse}: {@code
   * fixed delay=PT1H retries=5} or {@code exponential initial=PT1S multiplier=2.0 max=PT5M
   * retries=5 jitter=0.1}. Durations are ISO-8601 as {@link Duration#toString()} writes them and
   * numbers are plain decimals; {@code parse(p.spec())} equals {@code p}.
   *
   * @return the text, usually under 100 characters
   */
  String spec();

  /**
   * Reads a policy from the text form of {@link #spec()}. Parsing is strict: the kind, then every
   * field in the order {@code spec()} writes them, each once, separated by single spaces. Numbers
   * are plain decimals ({@code 2}, {@code 2.0}, {@code 0.25}); durations are ISO-8601 ({@code
   * PT30S}, {@code PT1H}, {@code P1D}). The values must pass the same checks as the factories.
   *
   * @param spec the text
   * @return the policy
   * @throws NullPointerException if spec is null
   * @throws IllegalArgumentException if the text is not a policy or a value is out of range; the
   *     message quotes the text and names the part at fault
   */
  static RetryPolicy parse(String spec) {
    if (spec == null) {
      throw new NullPointerException("retry policy");
    }
    Matcher fixed = Spec.FIXED.matcher(spec);
    Matcher exp = Spec.EXPONENTIAL.matcher(spec);
    try {
      if (fixed.matches()) {
        return new FixedRetry(
            Spec.duration("delay", fixed.group(1)), Spec.count("retries", fixed.group(2)));
      }
      if (exp.matches()) {
        return new ExponentialRetry(
            Spec.duration("initial", exp.group(1)),
            Spec.number("multiplier", exp.group(2)),
            Spec.duration("max", exp.group(3)),
            Spec.count("retries", exp.group(4)),
            Spec.number("jitter", exp.group(5)));
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "retry policy '" + Spec.quote(spec) + "' is invalid: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException(
        "retry policy must be 'fixed delay=<duration> retries=<n>' or "
            + "'exponential initial=<duration> multiplier=<n> max=<duration> retries=<n> jitter=<n>' but was '"
            + Spec.quote(spec)
            + "'");
  }
}
