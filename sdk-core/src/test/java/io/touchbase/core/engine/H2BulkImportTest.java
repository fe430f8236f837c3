package io.touchbase.core.engine;

import io.touchbase.api.Database;

/** Bulk import on the default embedded database, H2. */
class H2BulkImportTest extends BulkImportContractTest {
  @Override
  protected Database newDatabase() {
    return TestDatabase.h2();
  }
}
