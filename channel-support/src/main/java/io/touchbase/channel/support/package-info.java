/**
 * What the channel modules share: request signing for Aliyun (RPC V2 and ACS3), Tencent Cloud
 * (TC3) and Twilio, callbacks (Twilio signatures and webhooks, Aliyun pushes, secret URL tokens),
 * binding settings, template mapping, batch requests, phone number formats, HTTP failure mapping,
 * lenient reading of JSON answers, the meaning of Aliyun's and Twilio's error codes, mainland
 * China time, rate-limit windows and the redaction of provider error text. Depends only on the
 * Touchbase API, OkHttp and Jackson.
 *
 * <p>The classes are public so that Touchbase's channel modules ({@code channel-sms}, {@code
 * channel-phone}, ...) can use them; they are not an API for users of Touchbase and may change
 * between releases without notice. Non-null unless stated.
 */
package io.touchbase.channel.support;
