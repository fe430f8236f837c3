package io.touchbase.core.engine;

import io.touchbase.api.Database;

/** Contact merge on the default embedded database, H2. */
class H2MergeTest extends MergeContractTest {
  @Override
  protected Database newDatabase() {
    return TestDatabase.h2();
  }
}
