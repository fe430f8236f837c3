/**
 * Staff tasks: rounds that a person carries out, such as an agent's phone call. The engine
 * creates a task when a round picks a staff channel; the host's CRM or call centre lists, claims
 * and completes it through {@link io.touchbase.api.task.StaffTasks}, and the round's {@link
 * io.touchbase.api.task.CallPolicy} says what follows each outcome. Non-null unless stated.
 */
package io.touchbase.api.task;
