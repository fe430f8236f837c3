package io.touchbase.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchbase.api.Database;
import io.touchbase.core.engine.TestDatabase;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Held writes on PostgreSQL: held back and sent together. */
class PostgresHeldWritesTest extends HeldWritesContractTest {
  @Override
  protected Database newDatabase() {
    return TestDatabase.postgres();
  }

  @Test
  @DisplayName("a write is held until the transaction next uses its connection, here the commit")
  void heldUntilCommit() {
    AtomicBoolean wroteTwice = new AtomicBoolean();
    assertThatThrownBy(() -> db.inTransaction("write", c -> {
      Db.writeLater(c, "insert into t (k) values (?)", Db.ANY_COUNT, "a");
      Db.writeLater(c, "insert into t (k) values (?)", Db.ANY_COUNT, "a");
      wroteTwice.set(true); // neither was sent yet, so the duplicate has not failed
      return null;
    })).isInstanceOf(StoreException.class).hasMessageContaining("SQL state 23505");
    assertThat(wroteTwice).isTrue();
  }
}
