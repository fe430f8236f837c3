/** SMS channel providers: {@code aliyun-sms}, {@code tencent-sms} and {@code twilio-sms}. */
package io.touchbase.channel.sms;
