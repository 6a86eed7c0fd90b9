package dev.tracebridge.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The services_by_day rows: the backend services and operations seen, per UTC day of storing. Rows are
 * deduplicated per write (one per service and operation, whatever the number of spans) and per engine
 * process and day: a row Cassandra acknowledged today is not written again today, so a steady stream of
 * the same services costs no writes after the day's first. Nothing is remembered before it is
 * acknowledged, so a refused write is written again with the next one.
 */
final class ServiceCatalog {
  /**
   * Rows remembered per day: far above the services × operations of a real system (64 operations per
   * service at most are indexed). Past it, rows are written every time: still correct, no longer free.
   */
  static final int MAX_REMEMBERED = 10_000;
  /**
   * The lists cover the days inside the retention, at most this many before today: a service silent for
   * a week is not what someone picking one in Grafana looks for, and each day is a partition read.
   */
  static final int MAX_LOOKBACK_DAYS = 7;
  private static final long SECONDS_PER_DAY = Duration.ofDays(1).toSeconds();

  private final CqlSession session;
  private final InsertServiceOperation.Factory insert;
  private final SelectServicesOfDay.Factory selectServices;
  private final SelectOperationsOfDay.Factory selectOperations;
  private final Duration retention;
  private final Clock clock;
  private final AtomicReference<Day> remembered;

  ServiceCatalog(CqlSession session, String keyspace, Duration retention, Clock clock) {
    this.session = session;
    int ttl = Math.toIntExact(retention.toSeconds());
    this.insert = new InsertServiceOperation.Factory(session, keyspace, ttl);
    this.selectServices = new SelectServicesOfDay.Factory(session, keyspace);
    this.selectOperations = new SelectOperationsOfDay.Factory(session, keyspace);
    this.retention = retention;
    this.clock = clock;
    this.remembered = new AtomicReference<>(new Day(today(), ConcurrentHashMap.newKeySet()));
  }

  /** One service and operation on one day: a services_by_day row. */
  record Entry(int day, String service, String operation) {}

  /** The rows this write needs: its services and operations not yet stored today by this process. */
  List<Entry> unstored(TraceIndexEntries entries) {
    Day day = current();
    List<Entry> out = new ArrayList<>();
    for (TraceIndexEntries.Service service : entries.services()) {
      for (String operation : service.operations()) {
        Entry entry = new Entry(day.day(), service.service(), operation);
        if (!day.stored().contains(entry)) out.add(entry);
      }
    }
    return out;
  }

  BoundStatement statement(Entry entry) {
    return insert.entry(entry);
  }

  /** Remembers rows Cassandra acknowledged, so that later writes today skip them. */
  void stored(List<Entry> entries) {
    Day day = current();
    for (Entry entry : entries) {
      if (day.stored().size() >= MAX_REMEMBERED) return;
      // A row written just before midnight says nothing about the new day.
      if (entry.day() == day.day()) day.stored().add(entry);
    }
  }

  /** Every service seen on the days read, sorted by name. */
  CompletionStage<List<String>> services() {
    Set<String> services = new TreeSet<>();
    List<CompletableFuture<Void>> reads = new ArrayList<>();
    for (int day : daysToRead()) {
      reads.add(ResultPages.forEach(session, selectServices.day(day), row -> {
        synchronized (services) {
          services.add(row.getString(0));
        }
      }).toCompletableFuture());
    }
    return sorted(reads, services);
  }

  /** The operations of {@code service} seen on the days read, sorted. */
  CompletionStage<List<String>> operations(String service) {
    Set<String> operations = new TreeSet<>();
    List<CompletableFuture<Void>> reads = new ArrayList<>();
    for (int day : daysToRead()) {
      reads.add(ResultPages.forEach(session, selectOperations.service(day, service), row -> {
        synchronized (operations) {
          operations.add(row.getString(0));
        }
      }).toCompletableFuture());
    }
    return sorted(reads, operations);
  }

  /** Today and the days before it that the retention still holds, at most {@link #MAX_LOOKBACK_DAYS}. */
  List<Integer> daysToRead() {
    int today = today();
    long retainedDays = (retention.toSeconds() + SECONDS_PER_DAY - 1) / SECONDS_PER_DAY;
    int back = (int) Math.min(MAX_LOOKBACK_DAYS, retainedDays);
    List<Integer> days = new ArrayList<>(back + 1);
    for (int day = today; day >= today - back; day--) days.add(day);
    return days;
  }

  private static CompletionStage<List<String>> sorted(List<CompletableFuture<Void>> reads, Set<String> names) {
    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(done -> {
      synchronized (names) {
        return List.copyOf(names);
      }
    });
  }

  private Day current() {
    int today = today();
    Day day = remembered.get();
    if (day.day() == today) return day;
    Day fresh = new Day(today, ConcurrentHashMap.newKeySet());
    return remembered.compareAndSet(day, fresh) ? fresh : remembered.get();
  }

  private int today() {
    return Math.toIntExact(Math.floorDiv(clock.instant().getEpochSecond(), SECONDS_PER_DAY));
  }

  /** The rows acknowledged on one day. */
  private record Day(int day, Set<Entry> stored) {}
}
