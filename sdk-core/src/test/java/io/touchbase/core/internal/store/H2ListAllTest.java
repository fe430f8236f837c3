package io.touchbase.core.internal.store;

import io.touchbase.api.Database;
import io.touchbase.core.engine.TestDatabase;

/** {@link Db#listAll} on H2: the queries run one after another. */
class H2ListAllTest extends ListAllContractTest {
  @Override
  protected Database newDatabase() {
    return TestDatabase.h2();
  }
}
