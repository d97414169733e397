package dev.baton.schedule;

import dev.baton.BatonException;

/** No schedule has the given name. */
public class ScheduleNotFoundException extends BatonException {
  /** The name that was not found. */
  private final String name;

  /**
   * Makes the exception.
   *
   * @param name the name that was not found
   */
  public ScheduleNotFoundException(String name) {
    super("Schedule not found (name: " + name + ")");
    this.name = name;
  }

  /**
   * The name that was not found.
   *
   * @return the name
   */
  public String name() {
    return name;
  }
}
