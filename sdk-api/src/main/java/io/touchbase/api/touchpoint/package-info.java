/** The append-only log of interactions with contacts. Non-null unless stated. */
package io.touchbase.api.touchpoint;
