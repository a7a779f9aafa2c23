package io.lockstep.metrics.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MetersTest {

  @Test
  void aFramesTypeIsReadFromItsStart() {
    assertEquals("welcome", Meters.typeOf("{\"type\":\"welcome\",\"user\":{}}"));
    assertEquals("unknown", Meters.typeOf("{\"seq\":1,\"type\":\"x\"}"));
    assertEquals("unknown", Meters.typeOf("{\"type\":\"cut"));
  }

  @Test
  void countersAndTheLatencyHistogramAppearInPrometheusFormat() {
    Meters meters = new Meters();
    meters.frameIn("prompt");
    meters.frameOut("{\"type\":\"welcome\"}");
    meters.error("bad_request");
    meters.delivered(1500);
    meters.gauge("lockstep.test.gauge", "a gauge", () -> 7, "kind", "doc");
    String scrape = meters.scrape();
    assertTrue(scrape.contains("lockstep_frames_in_total{type=\"prompt\"} 1.0"), scrape);
    assertTrue(scrape.contains("lockstep_frames_out_total{type=\"welcome\"} 1.0"), scrape);
    assertTrue(scrape.contains("lockstep_errors_total{code=\"bad_request\"} 1.0"), scrape);
    assertTrue(scrape.contains("lockstep_delivery_latency_seconds_count 1"), scrape);
    assertTrue(scrape.contains("lockstep_delivery_latency_seconds_bucket{le="), scrape);
    assertTrue(scrape.contains("lockstep_test_gauge{kind=\"doc\"} 7.0"), scrape);
  }
}
