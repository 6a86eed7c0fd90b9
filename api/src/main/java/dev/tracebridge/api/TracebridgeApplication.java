package dev.tracebridge.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts Tracebridge: the ingest ports, the query API and, unless a cluster is named, Cassandra. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TracebridgeApplication {

  public static void main(String[] args) {
    SpringApplication.run(TracebridgeApplication.class, CommandLineAliases.expand(args, System.getenv()));
  }
}
