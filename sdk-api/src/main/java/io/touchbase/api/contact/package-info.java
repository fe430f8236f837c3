/** Contacts, their addresses and their consent. Non-null unless stated. */
package io.touchbase.api.contact;
