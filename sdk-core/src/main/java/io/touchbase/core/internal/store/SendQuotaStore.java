package io.touchbase.core.internal.store;

import io.touchbase.api.contact.Address;
import io.touchbase.spi.channel.Channel;
import io.touchbase.spi.channel.ChannelEvent.QuotaChange;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Send quotas per address and quota key ({@code tb_send_quota}), moved by events that each count
 * once ({@code tb_send_quota_event}).
 *
 * <p>This class is internal and is hence not for public use.
 */
public final class SendQuotaStore {
  private static final String KEY = "address_kind = ? and address_scope = ? and address = ? and quota_key = ?";

  /** How many sends {@code to} has left for {@code quotaKey}; 0 when nothing was ever granted. */
  public int remaining(Connection c, Address to, String quotaKey) throws SQLException {
    return Db.one(c, "select remaining from tb_send_quota where " + KEY, rs -> rs.getInt(1),
        to.kind().id(), to.scope(), to.value(), quotaKey).orElse(0);
  }

  /**
   * Uses one send of the recipient's quota when the provider that accepted the message needs one,
   * under the event id {@code msg:<provider message id>} that the provider's own report of the send
   * carries, so that the send counts once whichever is recorded first.
   *
   * @param sentBy the provider's channel that accepted the send
   * @param to the recipient; nothing is counted when null (a dispatch recorded without it)
   */
  public void useFor(Connection c, Channel sentBy, String templateId, Address to, String providerMessageId,
      Instant now) throws SQLException {
    Optional<String> key = sentBy.sendQuotaKey(templateId);
    if (key.isPresent() && to != null) {
      apply(c, to, key.get(), QuotaChange.USED, "msg:" + providerMessageId, now, now);
    }
  }

  /**
   * Applies one change unless an event with the same id was counted for this address and key.
   *
   * @return whether the change counted (false for a repeated event)
   */
  public boolean apply(Connection c, Address to, String quotaKey, QuotaChange change, String eventId,
      Instant occurredAt, Instant now) throws SQLException {
    boolean first = Db.insertUnlessDuplicate(c, x -> Db.update(x,
        "insert into tb_send_quota_event (address_kind, address_scope, address, quota_key, event_id, change,"
            + " occurred_at, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
        to.kind().id(), to.scope(), to.value(), quotaKey, eventId, change.name(), occurredAt, now));
    if (!first) {
      return false;
    }
    String set = switch (change) {
      case GRANTED -> "remaining = remaining + 1";
      case REVOKED -> "remaining = 0";
      case USED -> "remaining = case when remaining > 0 then remaining - 1 else 0 end";
    };
    Object[] params = {now, to.kind().id(), to.scope(), to.value(), quotaKey};
    String update = "update tb_send_quota set " + set + ", updated_at = ? where " + KEY;
    // No row means none left: only a grant needs one.
    if (Db.update(c, update, params) == 0 && change == QuotaChange.GRANTED) {
      boolean inserted = Db.insertUnlessDuplicate(c, x -> Db.update(x,
          "insert into tb_send_quota (address_kind, address_scope, address, quota_key, remaining, updated_at)"
              + " values (?, ?, ?, ?, 1, ?)",
          to.kind().id(), to.scope(), to.value(), quotaKey, now));
      if (!inserted) {
        // Another transaction created the row meanwhile: it is there to update now.
        Db.update(c, update, params);
      }
    }
    return true;
  }
}
