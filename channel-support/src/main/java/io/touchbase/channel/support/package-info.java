/**
 * What the channel modules share: request signing for Aliyun (RPC V2 and ACS3), Tencent Cloud
 * (TC3) and Twilio, callback verification, and the mapping of logical templates to a provider's
 * approved templates. Depends only on the Touchbase API, OkHttp and Jackson.
 */
package io.touchbase.channel.support;
