package dev.baton;

final class Priority {
  static final int MIN = 0;
  static final int MAX = 10;

  private Priority() {}

  static int check(int priority) {
    if (priority < MIN || priority > MAX) {
      throw new IllegalArgumentException(
          "priority must be between " + MIN + " and " + MAX + " but was " + priority);
    }
    return priority;
  }
}
