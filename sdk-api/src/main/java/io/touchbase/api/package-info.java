/**
 * The Touchbase facade, its builder and its exceptions.
 *
 * <p>Everything in this package and its sub-packages is non-null unless stated: nothing public
 * takes or returns {@code null}; absent values are {@link java.util.Optional}.
 */
package io.touchbase.api;
