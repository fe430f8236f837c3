package io.touchbase.chaos;

import io.touchbase.api.Touchbase;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Touchbase instance of a chaos run, in a process of its own, running rounds until it is
 * killed. Arguments: {@code name=...}, optionally {@code ready=<file>} (written once it runs), and
 * those of {@link ChaosSetup#toArgs()}.
 *
 * <p>Started while the database is away (a restart during the outage), it tries again every
 * second rather than exiting: the engine needs the database to start.
 */
public final class InstanceMain {
  private static final Logger LOG = LoggerFactory.getLogger(InstanceMain.class);

  private InstanceMain() {}

  public static void main(String[] args) throws InterruptedException, java.io.IOException {
    String name = ChaosSetup.require(ChaosSetup.args(args), "name");
    ChaosSetup setup = ChaosSetup.fromArgs(args);
    Touchbase touchbase = null;
    while (touchbase == null) {
      try {
        touchbase = setup.builder(name).build();
      } catch (RuntimeException e) {
        LOG.warn("Instance '{}' could not start ({}); trying again in a second", name, e.getMessage());
        Thread.sleep(1000);
      }
    }
    Touchbase started = touchbase;
    Runtime.getRuntime().addShutdownHook(new Thread(started::close, "chaos-shutdown"));
    String ready = ChaosSetup.args(args).get("ready");
    if (ready != null) {
      // Tells the driver this instance is up, so that a kill hits a working instance.
      java.nio.file.Files.writeString(java.nio.file.Path.of(ready), name);
    }
    LOG.info("Instance '{}' running", name);
    new CountDownLatch(1).await();
  }
}
