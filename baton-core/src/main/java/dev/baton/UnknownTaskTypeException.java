package dev.baton;

import java.util.Collection;
import java.util.TreeSet;

/** A task type name that this Baton instance does not know. */
public class UnknownTaskTypeException extends BatonException {
  /** The name that was not known. */
  private final String typeName;

  /**
   * Makes the exception.
   *
   * @param typeName the unknown name
   * @param known the names that are known
   */
  public UnknownTaskTypeException(String typeName, Collection<String> known) {
    super("Unknown task type '" + typeName + "'; known types: " + new TreeSet<>(known));
    this.typeName = typeName;
  }

  /**
   * The name that was not known.
   *
   * @return the type name
   */
  public String typeName() {
    return typeName;
  }
}
