package io.touchbase.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares the database with the provider's log after a run. Every (enrollment, round) must have
 * exactly one outcome among sent, suppressed, failed (with its reason) and in doubt, and no
 * round may have been accepted by the provider more than once.
 *
 * @param enrollments enrollments of the chaos cadence
 * @param unfinished of them, still active when the run ended
 * @param rounds enrollments times rounds
 * @param sent rounds whose outcome is SENT
 * @param suppressed rounds whose outcome is SUPPRESSED
 * @param failed rounds whose outcome is FAILED (each has a reason)
 * @param inDoubt rounds whose outcome is IN_DOUBT
 * @param recoveredSends SENT outcomes found at the provider by look-up after an interruption
 * @param noOutcome rounds without any outcome
 * @param multipleOutcomes rounds with more than one outcome
 * @param failedWithoutReason FAILED outcomes without a reason
 * @param accepted messages the provider accepted
 * @param duplicated messages the provider accepted for a round beyond the first
 * @param sentNotAccepted rounds recorded SENT that the provider never accepted
 * @param acceptedNotSent rounds the provider accepted that are recorded FAILED or SUPPRESSED
 * @param inDoubtAccepted of the in-doubt rounds, those the provider had in fact accepted
 * @param faults provider faults by kind
 */
public record Audit(
    long enrollments, long unfinished, long rounds, long sent, long suppressed, long failed, long inDoubt,
    long recoveredSends, long noOutcome, long multipleOutcomes, long failedWithoutReason, long accepted,
    long duplicated, long sentNotAccepted, long acceptedNotSent, long inDoubtAccepted, Map<String, Long> faults) {

  private static final Pattern OUT_ID = Pattern.compile("e(\\d+)r(\\d+)a(\\d+)");
  private static final Set<String> OUTCOMES = Set.of("SENT", "SUPPRESSED", "FAILED", "IN_DOUBT");

  /** Rounds lost: without an outcome, or recorded sent though the provider never had them. */
  public long lost() {
    return noOutcome + sentNotAccepted;
  }

  private record Key(long enrollment, int round) {}

  /** Reads the chaos cadence's enrollments, outcomes and the provider's log. */
  public static Audit of(Connection c, Path providerLog) throws SQLException, IOException {
    Map<Long, String> states = new HashMap<>();
    Map<Key, List<String>> outcomes = new HashMap<>();
    long recovered = 0;
    long noReason = 0;
    try (Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("select enrollment_id, state from tb_enrollment where cadence_id = '"
          + ChaosSetup.CADENCE + "'")) {
        while (rs.next()) {
          states.put(rs.getLong(1), rs.getString(2));
        }
      }
      try (ResultSet rs = s.executeQuery("select t.enrollment_id, t.round, t.kind, t.reason, t.attributes"
          + " from tb_touchpoint t where t.enrollment_id is not null and t.round is not null")) {
        while (rs.next()) {
          String kind = rs.getString(3);
          if (!OUTCOMES.contains(kind)) {
            continue;
          }
          outcomes.computeIfAbsent(new Key(rs.getLong(1), rs.getInt(2)), k -> new java.util.ArrayList<>()).add(kind);
          String reason = rs.getString(4);
          if (kind.equals("FAILED") && (reason == null || reason.isBlank())) {
            noReason++;
          }
          String attributes = rs.getString(5);
          if (kind.equals("SENT") && attributes != null && attributes.contains("recovered")) {
            recovered++;
          }
        }
      }
    }
    Map<Key, Integer> acceptedByRound = new HashMap<>();
    Map<String, Long> faults = new TreeMap<>();
    long accepted = 0;
    for (String line : Files.readAllLines(providerLog, StandardCharsets.UTF_8)) {
      String[] f = line.split("\t");
      if (f[0].equals("F")) {
        faults.merge(f[1], 1L, Long::sum);
      } else if (f[0].equals("A")) {
        accepted++;
        Matcher m = OUT_ID.matcher(f[1]);
        if (!m.matches()) {
          throw new IllegalStateException("provider log has an OutId that is no dispatch id: " + f[1]);
        }
        acceptedByRound.merge(new Key(Long.parseLong(m.group(1)), Integer.parseInt(m.group(2))), 1, Integer::sum);
      }
    }
    long sent = 0;
    long suppressed = 0;
    long failed = 0;
    long inDoubt = 0;
    long none = 0;
    long multiple = 0;
    long sentNotAccepted = 0;
    long acceptedNotSent = 0;
    long inDoubtAccepted = 0;
    long unfinished = states.values().stream().filter("ACTIVE"::equals).count();
    for (long e : states.keySet()) {
      for (int r = 1; r <= ChaosSetup.ROUNDS; r++) {
        Key k = new Key(e, r);
        List<String> o = outcomes.getOrDefault(k, List.of());
        int atProvider = acceptedByRound.getOrDefault(k, 0);
        if (o.isEmpty()) {
          none++;
          continue;
        }
        if (o.size() > 1) {
          multiple++;
        }
        switch (o.get(0)) {
          case "SENT" -> {
            sent++;
            if (atProvider == 0) {
              sentNotAccepted++;
            }
          }
          case "SUPPRESSED" -> suppressed++;
          case "FAILED" -> failed++;
          default -> {
            inDoubt++;
            if (atProvider > 0) {
              inDoubtAccepted++;
            }
          }
        }
        if (atProvider > 0 && (o.get(0).equals("FAILED") || o.get(0).equals("SUPPRESSED"))) {
          acceptedNotSent++;
        }
      }
    }
    long duplicated = acceptedByRound.values().stream().mapToLong(n -> n - 1L).sum();
    return new Audit(states.size(), unfinished, (long) states.size() * ChaosSetup.ROUNDS, sent, suppressed, failed,
        inDoubt, recovered, none, multiple, noReason, accepted, duplicated, sentNotAccepted, acceptedNotSent,
        inDoubtAccepted, faults);
  }
}
