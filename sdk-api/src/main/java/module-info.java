/**
 * Touchbase public API and channel SPI. Depends on nothing but the JDK.
 */
module io.touchbase.api {
  requires transitive java.sql;

  exports io.touchbase.api;
  exports io.touchbase.api.contact;
  exports io.touchbase.api.touchpoint;
  exports io.touchbase.api.cadence;
  exports io.touchbase.api.event;
  exports io.touchbase.api.callback;
  exports io.touchbase.api.task;
  exports io.touchbase.spi.channel;
  exports io.touchbase.spi.engine;

  uses io.touchbase.spi.channel.ChannelProvider;
  uses io.touchbase.spi.engine.EngineProvider;
}
