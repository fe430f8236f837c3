package io.touchbase.it;

import io.touchbase.api.Database;
import io.touchbase.core.engine.TestDatabase;

class H2CrossChannelCadenceTest extends CrossChannelCadenceTest {
  @Override
  protected Database newDatabase() {
    return TestDatabase.h2();
  }
}
