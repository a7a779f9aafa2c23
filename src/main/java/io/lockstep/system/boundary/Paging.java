package io.lockstep.system.boundary;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

/** {@code ?page=&size=} of a list: page from 0, 1 to 200 items a page (default 50). */
public class Paging {

  @QueryParam("page")
  @DefaultValue("0")
  @Min(value = 0, message = "page must be 0 or more")
  int page;

  @QueryParam("size")
  @DefaultValue("50")
  @Min(value = 1, message = "size must be at least 1")
  @Max(value = 200, message = "size must be at most 200")
  int size;

  public int page() {
    return page;
  }

  public int size() {
    return size;
  }
}
