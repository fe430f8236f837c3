package io.touchbase.core.engine;

import io.touchbase.api.Database;

/** Bulk import on real PostgreSQL, where batched inserts are rewritten into multi-row inserts. */
class PostgresBulkImportTest extends BulkImportContractTest {
  @Override
  protected Database newDatabase() {
    return TestDatabase.postgres();
  }
}
