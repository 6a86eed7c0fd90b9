package dev.tracebridge.otlp;

import java.math.BigInteger;
import java.util.Base64;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;

/**
 * Reads OTLP/JSON scalars as the proto3 JSON mapping allows them, with OTLP's deviations: 64-bit integers
 * as numbers or decimal strings, enums as numbers (names accepted too, as proto3 JSON parsers do), doubles
 * as numbers or "NaN"/"Infinity"/"-Infinity", bytes as base64 (standard or URL-safe). Every failure names
 * the field's path and byte offset.
 */
final class JsonValues {
  private static final BigInteger MAX_UNSIGNED_64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
  private static final long MAX_UNSIGNED_32 = 0xFFFF_FFFFL;

  private JsonValues() {}

  static String string(JsonParser p) throws MalformedExportException {
    if (p.currentToken() != JsonToken.VALUE_STRING) throw unexpected(p, "a string");
    return p.getString();
  }

  static boolean bool(JsonParser p) throws MalformedExportException {
    JsonToken token = p.currentToken();
    if (token == JsonToken.VALUE_TRUE) return true;
    if (token == JsonToken.VALUE_FALSE) return false;
    throw unexpected(p, "true or false");
  }

  /** A signed int64: a JSON number or a decimal string. */
  static long int64(JsonParser p) throws MalformedExportException {
    JsonToken token = p.currentToken();
    if (token == JsonToken.VALUE_NUMBER_INT) {
      if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) throw outOfRange(p, "int64");
      return p.getLongValue();
    }
    if (token == JsonToken.VALUE_STRING) {
      try {
        return Long.parseLong(p.getString().strip());
      } catch (NumberFormatException e) {
        throw unexpected(p, "an int64 as a decimal string");
      }
    }
    throw unexpected(p, "an int64 (number or decimal string)");
  }

  /** An unsigned fixed64 (timestamps in unix nanos), returned as the same 64 bits in a long. */
  static long fixed64(JsonParser p) throws MalformedExportException {
    JsonToken token = p.currentToken();
    if (token == JsonToken.VALUE_NUMBER_INT) {
      if (p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
        long value = p.getLongValue();
        if (value < 0) throw outOfRange(p, "fixed64");
        return value;
      }
      BigInteger big = p.getBigIntegerValue();
      if (big.signum() < 0 || big.compareTo(MAX_UNSIGNED_64) > 0) throw outOfRange(p, "fixed64");
      return big.longValue();
    }
    if (token == JsonToken.VALUE_STRING) {
      try {
        return Long.parseUnsignedLong(p.getString().strip());
      } catch (NumberFormatException e) {
        throw unexpected(p, "an unsigned 64-bit integer as a decimal string");
      }
    }
    throw unexpected(p, "an unsigned 64-bit integer (number or decimal string)");
  }

  /** A uint32 or fixed32 (counts, flags), returned as the same 32 bits in an int. */
  static int uint32(JsonParser p) throws MalformedExportException {
    long value;
    JsonToken token = p.currentToken();
    if (token == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
      value = p.getLongValue();
    } else if (token == JsonToken.VALUE_STRING) {
      try {
        value = Long.parseLong(p.getString().strip());
      } catch (NumberFormatException e) {
        throw unexpected(p, "an unsigned 32-bit integer");
      }
    } else if (token == JsonToken.VALUE_NUMBER_INT) {
      throw outOfRange(p, "uint32");
    } else {
      throw unexpected(p, "an unsigned 32-bit integer");
    }
    if (value < 0 || value > MAX_UNSIGNED_32) throw outOfRange(p, "uint32");
    return (int) value;
  }

  static double float64(JsonParser p) throws MalformedExportException {
    JsonToken token = p.currentToken();
    if (token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT) {
      return p.getDoubleValue();
    }
    if (token == JsonToken.VALUE_STRING) {
      String text = p.getString().strip();
      switch (text) {
        case "NaN":
          return Double.NaN;
        case "Infinity":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          try {
            return Double.parseDouble(text);
          } catch (NumberFormatException e) {
            throw unexpected(p, "a double (number, numeric string, \"NaN\" or \"Infinity\")");
          }
      }
    }
    throw unexpected(p, "a double");
  }

  /** An enum: its number (what OTLP requires) or its proto name (what proto3 JSON also allows). */
  static int enumNumber(JsonParser p, Map<String, Integer> byName) throws MalformedExportException {
    JsonToken token = p.currentToken();
    if (token == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
      return p.getIntValue();
    }
    if (token == JsonToken.VALUE_STRING) {
      Integer number = byName.get(p.getString());
      if (number != null) return number;
      throw unexpected(p, "one of " + byName.keySet() + " or its number");
    }
    throw unexpected(p, "an enum number");
  }

  static byte[] base64(JsonParser p) throws MalformedExportException {
    String text = string(p);
    try {
      boolean urlSafe = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
      return (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(text);
    } catch (IllegalArgumentException e) {
      throw unexpected(p, "base64 bytes");
    }
  }

  static MalformedExportException unexpected(JsonParser p, String expected) {
    String got = describe(p);
    return malformed(p, "expected " + expected + ", got " + got);
  }

  static MalformedExportException malformed(JsonParser p, String problem) {
    String path = p.streamReadContext().pathAsPointer().toString();
    TokenStreamLocation location = p.currentTokenLocation();
    long offset = location.getByteOffset();
    String where = path.isEmpty() ? "" : path + ": ";
    String at = offset >= 0 ? " (at byte " + offset + ")" : "";
    return new MalformedExportException(where + problem + at, path, offset);
  }

  private static String describe(JsonParser p) {
    JsonToken token = p.currentToken();
    if (token == null) return "end of input";
    return switch (token) {
      case VALUE_STRING -> "string \"" + OtlpIds.abbreviate(p.getString()) + "\"";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number " + OtlpIds.abbreviate(p.getText());
      case VALUE_TRUE, VALUE_FALSE -> "boolean " + p.getText();
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      default -> token.toString();
    };
  }

  private static MalformedExportException outOfRange(JsonParser p, String type) {
    return malformed(p, "number " + OtlpIds.abbreviate(p.getText()) + " out of range for " + type);
  }
}
