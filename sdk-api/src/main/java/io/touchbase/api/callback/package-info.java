/** Provider webhooks: the request the host received and the response it must give. */
package io.touchbase.api.callback;
