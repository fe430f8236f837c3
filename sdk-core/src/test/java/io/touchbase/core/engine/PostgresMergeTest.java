package io.touchbase.core.engine;

import io.touchbase.api.Database;

/** Contact merge on real PostgreSQL. */
class PostgresMergeTest extends MergeContractTest {
  @Override
  protected Database newDatabase() {
    return TestDatabase.postgres();
  }
}
