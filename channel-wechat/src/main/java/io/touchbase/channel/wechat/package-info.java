/**
 * WeChat channel providers: {@code wechat-template} (Official Account template messages) and
 * {@code wechat-subscribe} (Official Account subscribe messages), with verified, decrypted
 * callbacks. See the module README for settings and secrets.
 */
package io.touchbase.channel.wechat;
