package dev.tracebridge.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The short options the README promises ({@code --data-dir=DIR}, {@code --cassandra=host:port,...})
 * and their environment variables, turned into the configuration properties they stand for. Anything
 * else passes through to Spring Boot unchanged, so every property can also be set as {@code --name=value}.
 */
final class CommandLineAliases {
  static final String DATA_DIR_ENV = "TRACEBRIDGE_DATA_DIR";
  static final String CASSANDRA_ENV = "TRACEBRIDGE_CASSANDRA";

  private static final Map<String, String> ALIASES = Map.of(
      "--data-dir=", "--tracebridge.data-dir=",
      "--cassandra=", "--tracebridge.cassandra.contact-points=");

  private CommandLineAliases() {}

  static String[] expand(String[] args, Map<String, String> env) {
    // Spring joins repeated options with commas, so a command-line value must replace the
    // environment's rather than be added to it: keep the last value per property name.
    Map<String, String> options = new LinkedHashMap<>();
    List<String> others = new ArrayList<>();
    String dataDir = env.get(DATA_DIR_ENV);
    if (dataDir != null && !dataDir.isBlank()) options.put("tracebridge.data-dir", dataDir);
    String cassandra = env.get(CASSANDRA_ENV);
    if (cassandra != null && !cassandra.isBlank()) {
      options.put("tracebridge.cassandra.contact-points", cassandra);
    }
    for (String arg : args) {
      String option = rewrite(arg);
      int eq = option.indexOf('=');
      if (option.startsWith("--") && eq > 2) {
        String name = option.substring(2, eq);
        options.remove(name);
        options.put(name, option.substring(eq + 1));
      } else {
        others.add(option);
      }
    }
    List<String> out = new ArrayList<>();
    options.forEach((name, value) -> out.add("--" + name + "=" + value));
    out.addAll(others);
    return out.toArray(String[]::new);
  }

  private static String rewrite(String arg) {
    for (Map.Entry<String, String> alias : ALIASES.entrySet()) {
      if (arg.startsWith(alias.getKey())) {
        return alias.getValue() + arg.substring(alias.getKey().length());
      }
    }
    return arg;
  }
}
