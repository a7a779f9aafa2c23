package io.lockstep.realtime.control;

import io.lockstep.auth.control.InvalidTokenException;
import io.lockstep.auth.control.SignIns;
import io.lockstep.auth.control.TokenVerifier;
import io.lockstep.auth.control.UserDeletedException;
import io.lockstep.auth.entity.Caller;
import io.lockstep.auth.entity.UserRecord;
import io.lockstep.realtime.entity.CloseCodes;
import io.lockstep.realtime.entity.UserJoin;
import io.lockstep.realtime.entity.Welcome;
import io.lockstep.system.control.Deployment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Signs a connection in: {@code user-join {token}} (or a bearer token on the handshake) is verified
 * like a REST token, the user is created on first sight, and {@code welcome} answers. A bad token
 * closes the connection with 4401.
 */
@ApplicationScoped
public class Admission implements FrameHandler<UserJoin> {

  public static final String TYPE = "user-join";
  private static final Logger LOG = Logger.getLogger(Admission.class.getName());

  @Inject TokenVerifier verifier;
  @Inject SignIns signIns;
  @Inject Connections connections;
  @Inject Deployment deployment;
  @Inject UserEvents userEvents;

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Class<UserJoin> payloadType() {
    return UserJoin.class;
  }

  @Override
  public void handle(Inbound<UserJoin> frame) {
    admit(frame.connection(), frame.payload().token(), frame.id());
  }

  public void admit(Connection connection, String token, String replyTo) {
    Caller caller;
    try {
      caller = verifier.verify(token);
    } catch (InvalidTokenException e) {
      LOG.info(() -> "Refused connection " + connection.id() + ": " + e.getMessage());
      connection.closeQuietly(CloseCodes.reason(CloseCodes.UNAUTHORIZED, e.getMessage()));
      return;
    }
    UserRecord user;
    try {
      user = signIns.signIn(caller);
    } catch (UserDeletedException e) {
      LOG.info(() -> "Refused connection " + connection.id() + ": " + e.getMessage());
      connection.closeQuietly(CloseCodes.reason(CloseCodes.UNAUTHORIZED, "this user was deleted"));
      return;
    }
    connections.joined(connection, caller);
    long lastSeq = userEvents.lastSeq(caller.id());
    connection.send(
        Frames.encode(
            "welcome",
            replyTo,
            new Welcome(
                user,
                connection.id(),
                deployment.version(),
                deployment.id(),
                System.currentTimeMillis(),
                lastSeq)));
    connection.startUserStreamAfter(lastSeq);
  }
}
