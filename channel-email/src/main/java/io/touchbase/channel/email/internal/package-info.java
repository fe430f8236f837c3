/**
 * The {@code smtp} provider. Provider classes are public only so that {@link java.util.ServiceLoader}
 * can create them. Non-null unless stated.
 *
 * <p>This package is internal and is hence not for public use. Its APIs are unstable and can
 * change at any time.
 */
package io.touchbase.channel.email.internal;
