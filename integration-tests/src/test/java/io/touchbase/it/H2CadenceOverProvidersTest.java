package io.touchbase.it;

import io.touchbase.api.Database;
import io.touchbase.core.engine.TestDatabase;

class H2CadenceOverProvidersTest extends CadenceOverProvidersTest {
  @Override
  protected Database newDatabase() {
    return TestDatabase.h2();
  }
}
