/** Automated voice call providers: {@code aliyun-voice} and {@code twilio-voice}. */
package io.touchbase.channel.phone;
