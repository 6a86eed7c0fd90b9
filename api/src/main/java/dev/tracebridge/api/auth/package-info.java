/** Bearer-token access to the query API, when an operator configures a token. */
@NullMarked
package dev.tracebridge.api.auth;

import org.jspecify.annotations.NullMarked;
