package io.lockstep.metrics.boundary;

import io.lockstep.metrics.control.Meters;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /metrics}: this node's metrics in Prometheus' text format (version 0.0.4), for
 * scraping. Public, as the server's own metrics endpoints are; it holds counts, never user data.
 */
@WebServlet(urlPatterns = "/metrics", loadOnStartup = 1)
public class MetricsServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject transient Meters meters;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("text/plain; version=0.0.4; charset=utf-8");
    response.setHeader("Cache-Control", "no-store");
    response.getWriter().write(meters.scrape());
  }
}
