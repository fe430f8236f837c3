package io.touchbase.core.internal.store;

import io.touchbase.api.Database;
import io.touchbase.core.engine.TestDatabase;

/** {@link Db#listAll} on PostgreSQL: the queries go as one statement, in one round trip. */
class PostgresListAllTest extends ListAllContractTest {
  @Override
  protected Database newDatabase() {
    return TestDatabase.postgres();
  }
}
