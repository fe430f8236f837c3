package io.touchbase.it;

import io.touchbase.api.Database;
import io.touchbase.core.engine.TestDatabase;

class PostgresCrossChannelCadenceTest extends CrossChannelCadenceTest {
  @Override
  protected Database newDatabase() {
    return TestDatabase.postgres();
  }
}
