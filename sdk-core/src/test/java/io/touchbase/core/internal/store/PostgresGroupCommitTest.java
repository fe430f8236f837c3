package io.touchbase.core.internal.store;

import io.touchbase.api.Database;
import io.touchbase.core.engine.TestDatabase;

/** Group commit on Postgres. */
class PostgresGroupCommitTest extends GroupCommitContractTest {
  @Override
  protected Database newDatabase() {
    return TestDatabase.postgres();
  }
}
