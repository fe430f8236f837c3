package io.touchbase.core.internal.store;

import io.touchbase.spi.channel.SharedTokens.IssuedToken;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Provider access tokens in {@code tb_provider_token}. A row may exist without a token: it is
 * created so that a refresh has something to lock, and stays empty if that first fetch fails.
 *
 * <p>This class is internal and is hence not for public use.
 */
public final class TokenStore {

  /** The stored token for {@code key}, if the row exists and holds one. */
  public Optional<IssuedToken> find(Connection c, String key) throws SQLException {
    return Db.one(c, "select token_value, expires_at from tb_provider_token where token_key = ?",
        TokenStore::map, key);
  }

  /**
   * Makes sure the row exists; a racing instance that inserted it first is no error (on PostgreSQL
   * this waits until that instance's transaction ends).
   */
  public void ensureRow(Connection c, String key) throws SQLException {
    if (Db.one(c, "select token_key from tb_provider_token where token_key = ?", rs -> rs.getString(1), key)
        .isEmpty()) {
      Db.insertUnlessDuplicate(c, x -> Db.update(x, "insert into tb_provider_token (token_key) values (?)", key));
    }
  }

  /** Locks the row until the transaction ends and reads it as the last committed writer left it. */
  public Optional<IssuedToken> lock(Connection c, String key) throws SQLException {
    return Db.one(c, "select token_value, expires_at from tb_provider_token where token_key = ? for update",
        TokenStore::map, key);
  }

  public void save(Connection c, String key, IssuedToken token, Instant fetchedAt, String fetchedBy)
      throws SQLException {
    Db.update(c, "update tb_provider_token set token_value = ?, expires_at = ?, fetched_at = ?, fetched_by = ?"
        + " where token_key = ?", token.value(), token.expiresAt(), fetchedAt, fetchedBy, key);
  }

  private static IssuedToken map(java.sql.ResultSet rs) throws SQLException {
    String value = rs.getString("token_value");
    Instant expiresAt = Db.instant(rs, "expires_at");
    // Db.one treats a null mapping as no row: an empty row holds no token yet.
    return value == null || expiresAt == null ? null : new IssuedToken(value, expiresAt);
  }
}
