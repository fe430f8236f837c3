package io.touchbase.core.engine;

import io.touchbase.api.Database;

/** The channel rules suite on H2. */
class H2ChannelRulesTest extends ChannelRulesContractTest {
  @Override
  protected Database newDatabase() {
    return TestDatabase.h2();
  }
}
