/** Multi-round cadences, their rounds and waits, and enrollments. Non-null unless stated. */
package io.touchbase.api.cadence;
