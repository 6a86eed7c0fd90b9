package dev.tracebridge.api.analysis;

import dev.tracebridge.api.analysis.TraceAnalysisJson.StepJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Writes a critical-path step as Jackson would write the record, property for property in component
 * order, but with its names encoded once: an analysis of a 200-span trace has ~200 steps, and Jackson's
 * reflective record writer spent more time on them than the analysis itself took. {@code
 * StepJsonSerializerTest} holds it to the record's default shape.
 */
final class StepJsonSerializer extends StdSerializer<StepJson> {
  private static final SerializableString KIND = new SerializedString("kind");
  private static final SerializableString CATEGORY = new SerializedString("category");
  private static final SerializableString SERVICE = new SerializedString("service");
  private static final SerializableString NAME = new SerializedString("name");
  private static final SerializableString ID = new SerializedString("id");
  private static final SerializableString RESOURCE_EVENT_ID = new SerializedString("resourceEventId");
  private static final SerializableString START = new SerializedString("startEpochNanos");
  private static final SerializableString OFFSET_MS = new SerializedString("offsetMs");
  private static final SerializableString DURATION_MS = new SerializedString("durationMs");
  private static final SerializableString PERCENT = new SerializedString("percent");

  StepJsonSerializer() {
    super(StepJson.class);
  }

  @Override
  public void serialize(StepJson step, JsonGenerator out, SerializationContext context) {
    out.writeStartObject(step);
    text(out, KIND, step.kind());
    text(out, CATEGORY, step.category());
    text(out, SERVICE, step.service());
    text(out, NAME, step.name());
    text(out, ID, step.id());
    text(out, RESOURCE_EVENT_ID, step.resourceEventId());
    number(out, START, step.startEpochNanos());
    number(out, OFFSET_MS, step.offsetMs());
    number(out, DURATION_MS, step.durationMs());
    number(out, PERCENT, step.percent());
    out.writeEndObject();
  }

  private static void text(JsonGenerator out, SerializableString name, @Nullable String value) {
    out.writeName(name);
    out.writeString(value);
  }

  private static void number(JsonGenerator out, SerializableString name, long value) {
    out.writeName(name);
    out.writeNumber(value);
  }

  private static void number(JsonGenerator out, SerializableString name, double value) {
    out.writeName(name);
    out.writeNumber(value);
  }
}
