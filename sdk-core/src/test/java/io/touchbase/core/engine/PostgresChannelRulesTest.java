package io.touchbase.core.engine;

import io.touchbase.api.Database;

/** The channel rules suite on real PostgreSQL. */
class PostgresChannelRulesTest extends ChannelRulesContractTest {
  @Override
  protected Database newDatabase() {
    return TestDatabase.postgres();
  }
}
