package io.touchbase.api;

/**
 * Touchbase cannot be built or a channel cannot be created because its configuration is wrong.
 * The message names the setting and says why.
 */
public class ConfigurationException extends TouchbaseException {
  private static final long serialVersionUID = 1L;

  public ConfigurationException(String message) {
    super(message);
  }

  public ConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
