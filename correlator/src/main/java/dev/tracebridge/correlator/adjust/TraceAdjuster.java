package dev.tracebridge.correlator.adjust;

/** One step of the chain: repairs or annotates a draft, never fails, says what it changed in a warning. */
interface TraceAdjuster {

  void adjust(TraceDraft draft);
}
