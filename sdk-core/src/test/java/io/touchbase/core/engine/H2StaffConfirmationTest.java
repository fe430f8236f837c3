package io.touchbase.core.engine;

import io.touchbase.api.Database;

/** The staff confirmation suite on H2. */
class H2StaffConfirmationTest extends StaffConfirmationContractTest {
  @Override
  protected Database newDatabase() {
    return TestDatabase.h2();
  }
}
