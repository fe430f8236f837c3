/** How the API binds to its engine implementation. Not for plugin authors. */
package io.touchbase.spi.engine;
