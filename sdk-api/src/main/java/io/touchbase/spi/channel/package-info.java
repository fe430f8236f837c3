/**
 * The channel SPI: implement {@link io.touchbase.spi.channel.ChannelProvider} and list it in
 * {@code META-INF/services} to add a channel. Non-null unless stated.
 */
package io.touchbase.spi.channel;
