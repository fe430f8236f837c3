package io.touchbase.core.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Registered cadence versions as JSON documents.
 *
 * <p>This class is internal and is hence not for public use.
 */
public final class CadenceStore {

  /** The stored JSON of a version. */
  public Optional<String> find(Connection c, String cadenceId, int version) throws SQLException {
    return Db.one(
        c,
        "select definition from tb_cadence where cadence_id = ? and version = ?",
        rs -> rs.getString(1),
        cadenceId,
        version);
  }

  /** The newest version's number. */
  public Optional<Integer> latestVersion(Connection c, String cadenceId) throws SQLException {
    return Db.one(
        c,
        "select version from tb_cadence where cadence_id = ? order by version desc fetch first 1 rows only",
        rs -> rs.getInt(1),
        cadenceId);
  }

  /** Inserts a version; false if it already exists (the caller compares contents). */
  public boolean insert(Connection c, String cadenceId, int version, String json, Instant now)
      throws SQLException {
    return Db.insertUnlessDuplicate(c, x -> Db.update(
        x,
        "insert into tb_cadence (cadence_id, version, definition, registered_at) values (?, ?, ?, ?)",
        cadenceId, version, json, now));
  }
}
