/**
 * The email channel: provider {@code smtp}, which sends multipart email through any SMTP relay with
 * Jakarta Mail on Angus Mail, and answers RFC 8058 one-click unsubscribe requests. The provider is
 * found through {@link java.util.ServiceLoader}; configure it by its id. See the module README for
 * its settings.
 */
package io.touchbase.channel.email;
