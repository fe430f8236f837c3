/**
 * Test fixtures for Touchbase users and channel plugin authors: {@link
 * io.touchbase.testkit.ChannelProviderContractTest} for plugins, {@link
 * io.touchbase.testkit.RecordingChannel} for tests of code that sends, and {@link
 * io.touchbase.testkit.MutableClock} to run cadences of days in milliseconds. This module is
 * public API. Non-null unless stated.
 */
package io.touchbase.testkit;
