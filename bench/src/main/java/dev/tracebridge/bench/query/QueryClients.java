package dev.tracebridge.bench.query;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * {@code clients} threads fetching random traces for a bounded time, either closed-loop (each sends its
 * next request as soon as the last answered: the engine's saturation, where latency is clients divided by
 * throughput) or paced at a total rate (each client on a fixed schedule; a request's latency counts from
 * when it was due, so a stall also counts for the requests it delayed). Latencies of 200 answers go into
 * one HdrHistogram; anything else is an error. Each client has its own keep-alive connection
 * ({@link KeepAliveConnection}) and reads every answer to its end.
 */
final class QueryClients {
  /** Latencies up to a minute at three significant digits. */
  private static final long HIGHEST_TRACKABLE_NANOS = Duration.ofMinutes(1).toNanos();
  private static final int SIGNIFICANT_DIGITS = 3;

  private QueryClients() {}

  /** What one run measured. */
  record Result(Histogram latencies, long errors, long requests, double seconds) {
    double perSecond() {
      return requests / seconds;
    }
  }

  static Result closedLoop(int clients, Duration duration, List<String> traceIds, Function<String, URI> uriOf)
      throws InterruptedException {
    return run(clients, 0, duration, traceIds, uriOf);
  }

  static Result paced(int clients, int requestsPerSecond, Duration duration, List<String> traceIds,
      Function<String, URI> uriOf) throws InterruptedException {
    return run(clients, requestsPerSecond, duration, traceIds, uriOf);
  }

  /** {@code rate} 0: closed loop. */
  private static Result run(int clients, int rate, Duration duration, List<String> traceIds,
      Function<String, URI> uriOf) throws InterruptedException {
    Recorder recorder = new Recorder(HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
    AtomicLong errors = new AtomicLong();
    AtomicLong requests = new AtomicLong();
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    long interval = rate == 0 ? 0 : TimeUnit.SECONDS.toNanos(clients) / rate;
    List<Thread> threads = new ArrayList<>(clients);
    for (int c = 0; c < clients; c++) {
      // Paced clients start spread over one interval, so the total rate is even rather than in bursts.
      long first = start + (rate == 0 ? 0 : interval * c / clients);
      Client client = new Client(recorder, errors, requests, traceIds, uriOf, first, interval, end);
      Thread t = new Thread(client::run, "query-client-" + c);
      threads.add(t);
    }
    for (Thread t : threads) t.start();
    for (Thread t : threads) t.join();
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(recorder.getIntervalHistogram(), errors.get(), requests.get(), seconds);
  }

  /** One client's loop: closed when {@code interval} is 0, else on its schedule from {@code first}. */
  private record Client(Recorder recorder, AtomicLong errors, AtomicLong requests,
      List<String> traceIds, Function<String, URI> uriOf, long first, long interval, long end) {

    void run() {
      long due = first;
      URI origin = uriOf.apply(traceIds.get(0));
      try (KeepAliveConnection connection = new KeepAliveConnection(origin)) {
        while (true) {
          long now = System.nanoTime();
          if (interval > 0 && due > now) TimeUnit.NANOSECONDS.sleep(due - now);
          long sent = interval == 0 ? System.nanoTime() : due;
          if (sent >= end) return;
          send(connection, sent);
          due += interval;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private void send(KeepAliveConnection connection, long sent) {
      String id = traceIds.get(ThreadLocalRandom.current().nextInt(traceIds.size()));
      requests.incrementAndGet();
      try {
        KeepAliveConnection.Answer answer = connection.get(uriOf.apply(id));
        long took = System.nanoTime() - sent;
        if (answer.status() == 200) recorder.recordValue(Math.min(took, HIGHEST_TRACKABLE_NANOS));
        else errors.incrementAndGet();
      } catch (IOException e) {
        errors.incrementAndGet();
        // Whatever is left of the answer is unread: the next request goes on a new connection.
        connection.close();
      }
    }
  }
}
