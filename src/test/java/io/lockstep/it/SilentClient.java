package io.lockstep.it;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A client whose network went dead after the handshake: it signs in with a bearer token, then never
 * answers a ping. A plain socket, because every WebSocket library answers pings by itself.
 */
public final class SilentClient implements AutoCloseable {

  private final Socket socket;
  private final DataInputStream in;

  public SilentClient(URI base, String token) throws IOException {
    this(base, token, 0);
  }

  /** With a small receive buffer, so that a client that stops reading is soon behind. */
  public SilentClient(URI base, String token, int receiveBufferBytes) throws IOException {
    socket = new Socket();
    if (receiveBufferBytes > 0) {
      socket.setReceiveBufferSize(receiveBufferBytes);
    }
    socket.connect(new java.net.InetSocketAddress("127.0.0.1", base.getPort()));
    socket.setSoTimeout(20_000);
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    String path = base.getPath() + "ws";
    String handshake =
        "GET "
            + path
            + " HTTP/1.1\r\n"
            + "Host: 127.0.0.1:"
            + base.getPort()
            + "\r\n"
            + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Version: 13\r\n"
            + "Sec-WebSocket-Key: "
            + Base64.getEncoder().encodeToString(nonce)
            + "\r\n"
            + "Authorization: Bearer "
            + token
            + "\r\n\r\n";
    OutputStream out = socket.getOutputStream();
    out.write(handshake.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    in = new DataInputStream(socket.getInputStream());
    String status = readHttpHead(in);
    if (!status.startsWith("HTTP/1.1 101")) {
      throw new IOException("handshake refused: " + status);
    }
  }

  /** Sends one text frame, masked as a client must. */
  public void sendText(String text) throws IOException {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    var frame = new ByteArrayOutputStream(payload.length + 14);
    frame.write(0x81);
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else if (payload.length < 65536) {
      frame.write(0x80 | 126);
      frame.write(payload.length >>> 8);
      frame.write(payload.length & 0xFF);
    } else {
      frame.write(0x80 | 127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        frame.write((int) (((long) payload.length >>> shift) & 0xFF));
      }
    }
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    frame.write(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i % 4]);
    }
    OutputStream out = socket.getOutputStream();
    out.write(frame.toByteArray());
    out.flush();
  }

  /**
   * Reads frames (pings, the welcome) without answering any, until the server closes: returns the
   * close code, or -1 if the socket ended without a close frame.
   */
  public int awaitServerClose() throws IOException {
    while (true) {
      int first;
      try {
        first = in.readUnsignedByte();
      } catch (EOFException e) {
        return -1;
      }
      int opcode = first & 0x0F;
      long length = in.readUnsignedByte() & 0x7F;
      if (length == 126) {
        length = in.readUnsignedShort();
      } else if (length == 127) {
        length = in.readLong();
      }
      byte[] payload = in.readNBytes((int) length);
      if (opcode == 0x8) {
        return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
      }
    }
  }

  private static String readHttpHead(InputStream in) throws IOException {
    var head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed during handshake");
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
