package io.touchbase.core.internal.store;

import io.touchbase.api.Database;
import io.touchbase.core.engine.TestDatabase;

/** Group commit on H2. */
class H2GroupCommitTest extends GroupCommitContractTest {
  @Override
  protected Database newDatabase() {
    return TestDatabase.h2();
  }
}
