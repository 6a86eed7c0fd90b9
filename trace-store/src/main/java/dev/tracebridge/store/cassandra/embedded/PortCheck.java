package dev.tracebridge.store.cassandra.embedded;

import dev.tracebridge.store.cassandra.embedded.EmbeddedCassandraException.Problem;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Whether the node's ports are free before it starts, and whether CQL answers once it has. */
final class PortCheck {
  /** A loopback connect either succeeds or is refused at once; this only bounds a stuck one. */
  private static final int CONNECT_TIMEOUT_MILLIS = 500;

  private PortCheck() {}

  /**
   * Fails with a message naming the port and the setting to change when another process holds it.
   * Binding is the only reliable test; it is released at once, before the node binds.
   */
  static void requireFree(String host, int port, String what, String setting) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw new EmbeddedCassandraException(Problem.PORT_IN_USE,
          "Cannot start the embedded Cassandra: its " + what + " port " + host + ":" + port
              + " is already in use by another process (" + e.getMessage() + "). Stop that process or"
              + " choose another port (" + setting + ").", e);
    }
  }

  /** True when something accepts TCP connections on the port. */
  static boolean accepts(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
