package dev.tracebridge.api.analysis;

import dev.tracebridge.api.analysis.TraceAnalysisJson.StepJson;
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
    out.writeName(KIND);
    out.writeString(step.kind());
    out.writeName(CATEGORY);
    out.writeString(step.category());
    out.writeName(SERVICE);
    out.writeString(step.service());
    out.writeName(NAME);
    out.writeString(step.name());
    out.writeName(ID);
    out.writeString(step.id());
    out.writeName(RESOURCE_EVENT_ID);
    out.writeString(step.resourceEventId());
    out.writeName(START);
    out.writeNumber(step.startEpochNanos());
    out.writeName(OFFSET_MS);
    out.writeNumber(step.offsetMs());
    out.writeName(DURATION_MS);
    out.writeNumber(step.durationMs());
    out.writeName(PERCENT);
    out.writeNumber(step.percent());
    out.writeEndObject();
  }
}
