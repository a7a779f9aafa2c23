package io.lockstep.chats.boundary;

import io.lockstep.chats.control.ChatNotFoundException;
import io.lockstep.chats.control.InvalidChatException;
import io.lockstep.system.boundary.ApiErrors;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Chat errors on REST: an unknown or foreign chat is 404, a malformed one 400. */
public final class ChatErrors {

  private ChatErrors() {}

  @Provider
  public static class NotFound implements ExceptionMapper<ChatNotFoundException> {
    @Override
    public Response toResponse(ChatNotFoundException e) {
      return ApiErrors.response(Response.Status.NOT_FOUND, "not_found", e.getMessage());
    }
  }

  @Provider
  public static class Invalid implements ExceptionMapper<InvalidChatException> {
    @Override
    public Response toResponse(InvalidChatException e) {
      return ApiErrors.response(Response.Status.BAD_REQUEST, "bad_request", e.getMessage());
    }
  }
}
