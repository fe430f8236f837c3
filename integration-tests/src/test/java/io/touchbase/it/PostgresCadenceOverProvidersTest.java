package io.touchbase.it;

import io.touchbase.api.Database;
import io.touchbase.core.engine.TestDatabase;

class PostgresCadenceOverProvidersTest extends CadenceOverProvidersTest {
  @Override
  protected Database newDatabase() {
    return TestDatabase.postgres();
  }
}
