package dev.tracebridge.bench.query;

import static java.util.Objects.requireNonNull;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One persistent HTTP/1.1 connection that sends GETs and reads each answer to its end on the calling
 * thread, keeping nothing of the body but its length.
 *
 * <p>Why not the JDK's {@code HttpClient}: the query benchmark's clients share the engine's two cores, and
 * that client spent ~0.35 ms of CPU per 130 KB answer and passed every connection's bytes through its one
 * selector thread, a queue of the benchmark's own in front of the latencies it measures. A blocking socket
 * per client waits on nothing but the engine.
 */
final class KeepAliveConnection implements Closeable {
  private static final int BUFFER_BYTES = 64 * 1024;
  /** Longer status, header or chunk-size lines are not HTTP this benchmark expects. */
  private static final int MAX_LINE = 8 * 1024;
  private static final int TIMEOUT_MILLIS = 30_000;

  private final InetSocketAddress address;
  private final String hostHeader;
  private final byte[] discard = new byte[BUFFER_BYTES];
  private final StringBuilder line = new StringBuilder();
  private @Nullable Socket socket;
  private @Nullable InputStream in;
  private @Nullable OutputStream out;

  /** The status and body length of one answer. */
  record Answer(int status, long bodyBytes) {}

  /** A connection to the host and port of {@code origin} (only those are used), opened on first use. */
  KeepAliveConnection(URI origin) {
    requireNonNull(origin, "origin");
    this.address = new InetSocketAddress(origin.getHost(), origin.getPort());
    this.hostHeader = origin.getHost() + ":" + origin.getPort();
  }

  /**
   * GETs {@code uri}'s path and query and reads the whole answer. A connection the server closed while it
   * sat idle fails before any byte of an answer: then the request goes once more on a new connection
   * (a GET may be repeated).
   */
  Answer get(URI uri) throws IOException {
    String target = uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
    byte[] request = ("GET " + target + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nAccept: application/json\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    boolean reused = socket != null;
    try {
      return exchange(request);
    } catch (EOFException | SocketException e) {
      close();
      if (!reused) throw e;
      return exchange(request);
    }
  }

  private Answer exchange(byte[] request) throws IOException {
    if (socket == null) open();
    OutputStream o = requireNonNull(out);
    o.write(request);
    o.flush();
    InputStream i = requireNonNull(in);
    int status = parseStatus(readLine(i));
    long contentLength = -1;
    boolean chunked = false;
    boolean closeAfter = false;
    for (String header = readLine(i); !header.isEmpty(); header = readLine(i)) {
      int colon = header.indexOf(':');
      if (colon <= 0) throw new IOException("malformed header line: " + header);
      String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = header.substring(colon + 1).strip();
      switch (name) {
        case "content-length" -> contentLength = Long.parseLong(value);
        case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        case "connection" -> closeAfter = value.equalsIgnoreCase("close");
        default -> { }
      }
    }
    long body;
    if (status == 204 || status == 304) body = 0;
    else if (chunked) body = skipChunks(i);
    else if (contentLength >= 0) body = skipExactly(i, contentLength);
    else throw new IOException("answer " + status + " has neither a length nor chunks");
    if (closeAfter) close();
    return new Answer(status, body);
  }

  private void open() throws IOException {
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      s.setSoTimeout(TIMEOUT_MILLIS);
      s.connect(address, TIMEOUT_MILLIS);
      in = new BufferedInputStream(s.getInputStream(), BUFFER_BYTES);
      out = s.getOutputStream();
      socket = s;
    } catch (IOException e) {
      s.close();
      throw e;
    }
  }

  private static int parseStatus(String statusLine) throws IOException {
    // "HTTP/1.1 200 OK": the code is the three characters after the first space.
    int space = statusLine.indexOf(' ');
    if (!statusLine.startsWith("HTTP/1.") || space < 0 || statusLine.length() < space + 4) {
      throw new IOException("not an HTTP/1.x status line: " + statusLine);
    }
    try {
      return Integer.parseInt(statusLine.substring(space + 1, space + 4));
    } catch (NumberFormatException e) {
      throw new IOException("not an HTTP/1.x status line: " + statusLine, e);
    }
  }

  private long skipChunks(InputStream i) throws IOException {
    long total = 0;
    while (true) {
      String sizeLine = readLine(i);
      int extension = sizeLine.indexOf(';');
      String hex = (extension < 0 ? sizeLine : sizeLine.substring(0, extension)).strip();
      long size;
      try {
        size = Long.parseLong(hex, 16);
      } catch (NumberFormatException e) {
        throw new IOException("malformed chunk size: " + sizeLine, e);
      }
      if (size == 0) {
        // Trailer fields, if any, end with an empty line.
        while (!readLine(i).isEmpty()) { }
        return total;
      }
      total += skipExactly(i, size);
      if (!readLine(i).isEmpty()) throw new IOException("chunk of " + size + " bytes not followed by CRLF");
    }
  }

  private long skipExactly(InputStream i, long count) throws IOException {
    long left = count;
    while (left > 0) {
      int read = i.read(discard, 0, (int) Math.min(discard.length, left));
      if (read < 0) throw new EOFException("connection closed " + left + " bytes before the body's end");
      left -= read;
    }
    return count;
  }

  /** A line without its CRLF (or bare LF). */
  private String readLine(InputStream i) throws IOException {
    line.setLength(0);
    while (true) {
      int b = i.read();
      if (b < 0) throw new EOFException("connection closed mid-line after \"" + line + "\"");
      if (b == '\n') break;
      if (line.length() == MAX_LINE) throw new IOException("line longer than " + MAX_LINE + " bytes");
      line.append((char) b);
    }
    int end = line.length();
    if (end > 0 && line.charAt(end - 1) == '\r') line.setLength(end - 1);
    return line.toString();
  }

  /** Closes the socket, if open; the next {@link #get} opens a new one. */
  @Override
  public void close() {
    Socket s = socket;
    socket = null;
    in = null;
    out = null;
    if (s == null) return;
    try {
      s.close();
    } catch (IOException e) {
      // A socket being given up on has nothing left to report.
    }
  }
}
