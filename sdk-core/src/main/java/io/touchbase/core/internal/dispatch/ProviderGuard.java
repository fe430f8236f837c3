package io.touchbase.core.internal.dispatch;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.touchbase.spi.channel.ChannelException;
import io.touchbase.spi.channel.SendResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resilience4j around one configured provider instance: a retry for errors the provider answered
 * as retryable (never for sends that may have gone through, which would send twice), a circuit
 * breaker that counts retryable failures, a rate limiter at the provider's documented rate, and a
 * bulkhead. When the guard itself refuses a call (breaker open, no permit, bulkhead full) it throws
 * a retryable {@link ChannelException} with code {@link #CIRCUIT_OPEN}, {@link #RATE_LIMITED} or
 * {@link #BULKHEAD_FULL}, so the dispatcher moves on to the channel's next provider.
 *
 * <p>This class is internal and is hence not for public use.
 */
public final class ProviderGuard {
  private static final Logger log = LoggerFactory.getLogger(ProviderGuard.class);

  public static final String CIRCUIT_OPEN = "circuit-open";
  public static final String RATE_LIMITED = "rate-limited";
  public static final String BULKHEAD_FULL = "bulkhead-full";
  /** The shortest pause before a call refused for want of a permit or a free slot is tried again. */
  private static final Duration MIN_REFUSAL_PAUSE = Duration.ofSeconds(1);

  private final String name;
  private final GuardSettings settings;
  private final Retry retry;
  private final CircuitBreaker breaker;
  private final RateLimiter rateLimiter;
  private final Bulkhead bulkhead;
  private final Clock clock;

  /**
   * @param name how logs name the provider instance, e.g. {@code sms/aliyun-sms}
   * @param clock the engine clock, which times the breaker's open state
   */
  public ProviderGuard(String name, GuardSettings settings, Clock clock) {
    this.name = name;
    this.settings = settings;
    this.clock = clock;
    this.retry = Retry.of(name, RetryConfig.custom()
        .maxAttempts(settings.retryAttempts())
        .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(settings.retryBackoff(), 2.0, 0.5))
        .retryOnException(ProviderGuard::safeToRepeat)
        .build());
    this.breaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
        .failureRateThreshold(settings.breakerFailureRate())
        .minimumNumberOfCalls(settings.breakerMinimumCalls())
        .slidingWindowSize(Math.max(settings.breakerMinimumCalls(), 20))
        .waitDurationInOpenState(settings.breakerOpenFor())
        .permittedNumberOfCallsInHalfOpenState(2)
        // A bad number or an opted-out recipient says nothing about the provider's health.
        .ignoreException(e -> e instanceof ChannelException ce && !ce.retryable())
        .writableStackTraceEnabled(false)
        .clock(clock)
        .build());
    this.rateLimiter = RateLimiter.of(name, rateLimiterConfig(settings));
    this.bulkhead = Bulkhead.of(name, BulkheadConfig.custom()
        .maxConcurrentCalls(settings.limits().maxConcurrentCalls())
        .maxWaitDuration(settings.permitWait())
        .writableStackTraceEnabled(false)
        .build());
    breaker.getEventPublisher().onStateTransition(e ->
        log.warn("Circuit breaker of provider '{}' went from {} to {}", name,
            e.getStateTransition().getFromState(), e.getStateTransition().getToState()));
  }

  private static RateLimiterConfig rateLimiterConfig(GuardSettings settings) {
    double rate = settings.limits().permitsPerSecond();
    // Below one per second, one permit per longer period; above, whole permits per second.
    int perPeriod = rate >= 1 ? (int) Math.round(rate) : 1;
    Duration period = rate >= 1 ? Duration.ofSeconds(1) : Duration.ofNanos((long) (1_000_000_000L / rate));
    return RateLimiterConfig.custom()
        .limitForPeriod(perPeriod)
        .limitRefreshPeriod(period)
        .timeoutDuration(settings.permitWait())
        .writableStackTraceEnabled(false)
        .build();
  }

  private static boolean safeToRepeat(Throwable e) {
    return e instanceof ChannelException ce
        && ce.retryable()
        && !ce.mayHaveBeenSent()
        && !refusedCall(ce.providerCode());
  }

  /**
   * Calls the provider through the guard.
   *
   * @throws ChannelException the provider's error after the retries, or the guard's refusal
   */
  public SendResult call(Supplier<SendResult> send) {
    Supplier<SendResult> guarded = Bulkhead.decorateSupplier(bulkhead, send);
    guarded = RateLimiter.decorateSupplier(rateLimiter, guarded);
    guarded = CircuitBreaker.decorateSupplier(breaker, guarded);
    guarded = Retry.decorateSupplier(retry, guarded);
    try {
      return guarded.get();
    } catch (CallNotPermittedException e) {
      throw ChannelException.retryable(CIRCUIT_OPEN, "circuit breaker is open after repeated failures");
    } catch (RequestNotPermitted e) {
      throw ChannelException.retryable(RATE_LIMITED,
          "no rate-limit permit within " + settings.permitWait() + " at "
              + settings.limits().permitsPerSecond() + "/s");
    } catch (BulkheadFullException e) {
      throw ChannelException.retryable(BULKHEAD_FULL,
          "all " + settings.limits().maxConcurrentCalls() + " concurrent calls busy for " + settings.permitWait());
    }
  }

  /**
   * Whether an error with this code is the guard's own refusal (breaker open, no rate-limit permit
   * in time, every concurrent call busy): the provider was not called, so the attempt did not
   * happen and must not count against the round.
   */
  public static boolean refusedCall(String providerCode) {
    return CIRCUIT_OPEN.equals(providerCode) || RATE_LIMITED.equals(providerCode)
        || BULKHEAD_FULL.equals(providerCode);
  }

  /**
   * When a call this guard refused ({@link #refusedCall}) is worth trying again: once an open
   * breaker lets calls through again, otherwise after a pause of the permit wait, a second at least.
   */
  public Instant retryAfterRefusal(String providerCode) {
    Duration pause = CIRCUIT_OPEN.equals(providerCode) ? settings.breakerOpenFor()
        : settings.permitWait().compareTo(MIN_REFUSAL_PAUSE) < 0 ? MIN_REFUSAL_PAUSE : settings.permitWait();
    return clock.instant().plus(pause);
  }

  /** The breaker's state, for logs and tests: CLOSED, OPEN, HALF_OPEN ... */
  public String breakerState() {
    return breaker.getState().name();
  }

  public GuardSettings settings() {
    return settings;
  }

  @Override
  public String toString() {
    return "ProviderGuard{" + name + ", breaker=" + breakerState() + ", limits=" + settings.limits() + "}";
  }
}
