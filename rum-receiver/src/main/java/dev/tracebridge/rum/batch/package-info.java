/**
 * What every RUM intake shares: the decoded batch and its per-event rejections, body decompression with
 * a size bound, JSON field reading that keeps what the typed fields do not hold, and stable event ids.
 * Public only so the format packages can use it; not an API for other modules.
 */
@NullMarked
package dev.tracebridge.rum.batch;

import org.jspecify.annotations.NullMarked;
