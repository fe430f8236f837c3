/** Host events, goals and engine listeners. Non-null unless stated. */
package io.touchbase.api.event;
