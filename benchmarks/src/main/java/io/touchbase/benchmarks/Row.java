package io.touchbase.benchmarks;

/**
 * One line of the benchmark table.
 *
 * @param benchmark what was measured, e.g. {@code engine floor}
 * @param database where state lived, e.g. {@code PostgreSQL (durable)}
 * @param setup threads and size
 * @param value the headline figure; positive when the benchmark produced one
 * @param unit the headline figure's unit
 * @param detail further figures of the same run (floor, ratio, enrolment rate, ...)
 */
public record Row(String benchmark, String database, String setup, double value, String unit, String detail) {}
