/**
 * The WeChat and WeCom providers, their shared message crypto and their callback handlers. Provider
 * classes are public only so that {@link java.util.ServiceLoader} can create them.
 *
 * <p>This package is internal and is hence not for public use. Its APIs are unstable and can
 * change at any time.
 */
package io.touchbase.channel.wechat.internal;
