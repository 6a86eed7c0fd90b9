/**
 * The ordered chain of adjusters that turns one trace's stored rows into a joined trace: it removes
 * copies, makes the edges across the browser/backend boundary (by ids, by the server's response, by
 * repairing ids a backend re-used or re-generated, by a decided fallback), annotates what stays odd
 * and puts each backend service on the browser's clock. Adjusters never fail and never touch stored
 * data; what they change in the view, they say in a warning (DESIGN.md invariant 6).
 */
@NullMarked
package dev.tracebridge.correlator.adjust;

import org.jspecify.annotations.NullMarked;
