-- db-scheduler orders due executions by priority only when its priority feature is on, and
-- Touchbase never turns it on: the polling query uses execution_time_idx alone. The index on
-- (priority, execution_time) that V1 copied from db-scheduler's DDL was written with every wake-up
-- and every reschedule and never read. Runs unchanged on H2 2.3 and PostgreSQL 12+.
drop index if exists priority_execution_time_idx;
