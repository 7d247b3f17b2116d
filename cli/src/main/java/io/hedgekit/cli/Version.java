package io.hedgekit.cli;

import picocli.CommandLine;

/** Version text for {@code --version}. */
public final class Version implements CommandLine.IVersionProvider {
  /** The hedgekit version. */
  public static final String VERSION = "0.1.0";

  @Override
  public String[] getVersion() {
    return new String[] {"hedgekit " + VERSION + " (Java " + Runtime.version() + ", "
        + System.getProperty("os.arch") + ")"};
  }
}
