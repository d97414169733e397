package dev.baton.server.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports Baton's version and the Java runtime it runs on, for {@code baton --version}. */
public final class BatonVersion implements IVersionProvider {
  /** Makes the provider; picocli calls it. */
  public BatonVersion() {}

  @Override
  public String[] getVersion() {
    String version = BatonVersion.class.getPackage().getImplementationVersion();
    return new String[] {
      "baton " + (version == null ? "(development build)" : version),
      "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
