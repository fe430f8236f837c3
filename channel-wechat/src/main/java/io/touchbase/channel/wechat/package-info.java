/**
 * WeChat and WeCom channel providers: {@code wechat-template} (Official Account template
 * messages), {@code wechat-subscribe} (Official Account subscribe messages), {@code wecom-app}
 * (WeCom application messages to staff) and {@code wecom-customer} (WeCom customer-contact
 * messages that a staff member confirms), with verified, decrypted callbacks. See the module
 * README for settings and secrets.
 */
package io.touchbase.channel.wechat;
