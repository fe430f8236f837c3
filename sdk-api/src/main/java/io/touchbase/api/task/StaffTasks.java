package io.touchbase.api.task;

import io.touchbase.api.contact.Address;
import java.util.List;
import java.util.Optional;

/**
 * The staff tasks API, for the host's CRM or call-centre code: list tasks, claim them per agent
 * or queue, reveal the number to the agent holding the claim, and complete each with an outcome.
 * Claims are settled by the database, so any number of agents on any number of application
 * instances never receive the same task. Thread-safe.
 *
 * <pre>{@code
 * Optional<StaffTask> next = touchbase.staffTasks().claimNext("renewals", "agent-007");
 * next.ifPresent(task -> {
 *   Address number = touchbase.staffTasks().revealAddress(task.id(), "agent-007");
 *   // ... the agent calls, reading task.script() ...
 *   touchbase.staffTasks().complete(task.id(), "agent-007", CallOutcome.noAnswer());
 * });
 * }</pre>
 *
 * <p>Agents and queues are ids in the host's terms: a letter or digit, then letters, digits,
 * {@code .}, {@code _}, {@code :} or {@code -}, at most 128 characters. Every argument is
 * validated with an error naming it, e.g. {@code agent must not be blank}.
 *
 * <p>Tasks of kind {@link StaffTaskKind#CONFIRM_MESSAGE} are listed and found like any other, but
 * the provider reports their outcome: {@code claimNext} passes them over, and {@code claim},
 * {@code release}, {@code revealAddress} and {@code complete} refuse them with a {@link
 * StaffTaskStateException}.
 */
public interface StaffTasks {

  /** Tasks matching the query, earliest due first. */
  List<StaffTask> list(StaffTaskQuery query);

  /** The task with this id. */
  Optional<StaffTask> find(StaffTaskId id);

  /**
   * Claims the earliest due {@link StaffTaskState#OPEN} task of the queue whose due time has come
   * and whose deadline has not passed.
   *
   * @return the claimed task, or empty when the queue has none due
   */
  Optional<StaffTask> claimNext(String queue, String agent);

  /**
   * Claims a task for an agent. Claiming a task the same agent already holds returns it as it is.
   * A task may be claimed before it is due (a call-back the agent wants to keep, say).
   *
   * @throws StaffTaskNotFoundException if there is no such task
   * @throws StaffTaskStateException if the task is claimed by another agent, has ended, or is past
   *     its deadline
   */
  StaffTask claim(StaffTaskId id, String agent);

  /**
   * Gives a claimed task back to its queue. Releasing a task that is already open is a no-op.
   *
   * @throws StaffTaskStateException if another agent holds it, or it has ended
   */
  StaffTask release(StaffTaskId id, String agent);

  /**
   * The full address to call, for the agent holding the claim only. Each reveal is logged, without
   * the address.
   *
   * @throws StaffTaskStateException if the task is not claimed by this agent
   */
  Address revealAddress(StaffTaskId id, String agent);

  /**
   * Reports the outcome of the call. The agent must hold the claim. The outcome is recorded as
   * touchpoints and the round's {@link CallPolicy} decides what follows: another attempt (a new
   * task), the round's next channel, the next round, or the end of the enrollment.
   *
   * @return the completed task
   * @throws StaffTaskStateException if the task is not claimed by this agent: still open, held by
   *     another agent, already completed, expired or cancelled
   * @throws IllegalArgumentException if a call-back time is not after the current time
   */
  StaffTask complete(StaffTaskId id, String agent, CallOutcome outcome);
}
