package io.touchbase.core.internal.channel;

import io.touchbase.api.Database;
import io.touchbase.core.engine.TestDatabase;

/** Shared tokens on PostgreSQL: two pools on one database, as two engine instances have them. */
class PostgresSharedTokensTest extends SharedTokensContractTest {
  @Override
  protected Database newDatabase() {
    return TestDatabase.postgres();
  }
}
