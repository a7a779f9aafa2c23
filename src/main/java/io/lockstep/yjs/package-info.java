/**
 * A pure-Java codec for the Yjs update format v1 and the y-protocols awareness format: decode and
 * encode updates, state vectors and delete sets, merge updates, and diff an update against a state
 * vector. No Jakarta imports: the server's storage and both realtime endpoints use it, and its
 * correctness is checked against the real {@code yjs} package from npm.
 */
package io.lockstep.yjs;
