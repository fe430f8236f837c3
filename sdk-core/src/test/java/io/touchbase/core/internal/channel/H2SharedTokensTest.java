package io.touchbase.core.internal.channel;

import io.touchbase.api.Database;
import io.touchbase.core.engine.TestDatabase;

/** Shared tokens on H2 (two pools on one in-memory database). */
class H2SharedTokensTest extends SharedTokensContractTest {
  @Override
  protected Database newDatabase() {
    return TestDatabase.h2();
  }
}
