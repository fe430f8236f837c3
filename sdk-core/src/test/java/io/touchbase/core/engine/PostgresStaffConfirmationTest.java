package io.touchbase.core.engine;

import io.touchbase.api.Database;

/** The staff confirmation suite on real PostgreSQL. */
class PostgresStaffConfirmationTest extends StaffConfirmationContractTest {
  @Override
  protected Database newDatabase() {
    return TestDatabase.postgres();
  }
}
