package io.touchbase.core.internal.store;

import io.touchbase.api.Database;
import io.touchbase.core.engine.TestDatabase;

/** Held writes on H2: they run at once. */
class H2HeldWritesTest extends HeldWritesContractTest {
  @Override
  protected Database newDatabase() {
    return TestDatabase.h2();
  }
}
