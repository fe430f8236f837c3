package io.touchbase.core.engine;

import io.touchbase.api.Database;

/** The engine suite on the default embedded database, H2 (polling with fetch). */
class H2EngineTest extends EngineContractTest {
  @Override
  protected Database newDatabase() {
    return TestDatabase.h2();
  }
}
