package io.touchbase.channel.email.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny SMTP server on a real loopback socket that answers each command with a scripted reply,
 * for what GreenMail cannot do: refuse one recipient with a chosen code, fail after the content,
 * drop the connection or stay silent. Replies are queued per step ({@code MAIL}, {@code RCPT},
 * {@code DATA}, {@code END} for the end of the content, {@code AUTH}); an empty queue answers
 * success. Two special replies: {@link #DROP} closes the connection, {@link #SILENT} answers
 * nothing. It records every command line it reads.
 */
final class ScriptedSmtpServer implements AutoCloseable {
  static final String DROP = "!drop";
  static final String SILENT = "!silent";

  private final ServerSocket server;
  private final Map<String, Deque<String>> script = new ConcurrentHashMap<>();
  private final List<String> commands = new CopyOnWriteArrayList<>();
  private final List<Socket> clients = new CopyOnWriteArrayList<>();
  private final List<String> messages = new CopyOnWriteArrayList<>();
  private volatile boolean offerAuth;

  ScriptedSmtpServer() {
    try {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread acceptor = new Thread(this::accept, "scripted-smtp-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** Queues replies for a step: {@code MAIL}, {@code RCPT}, {@code DATA}, {@code END} or {@code AUTH}. */
  ScriptedSmtpServer reply(String step, String... replies) {
    Deque<String> q = script.computeIfAbsent(step, k -> new ArrayDeque<>());
    synchronized (q) {
      q.addAll(List.of(replies));
    }
    return this;
  }

  /** Makes EHLO advertise AUTH. */
  ScriptedSmtpServer offerAuth() {
    offerAuth = true;
    return this;
  }

  /** The command lines read, in order; message content excluded. */
  List<String> commands() {
    return List.copyOf(commands);
  }

  /** The content of every message whose end the server read. */
  List<String> messages() {
    return List.copyOf(messages);
  }

  private String next(String step, String otherwise) {
    Deque<String> q = script.get(step);
    if (q == null) {
      return otherwise;
    }
    synchronized (q) {
      return q.isEmpty() ? otherwise : q.poll();
    }
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        clients.add(s);
        Thread t = new Thread(() -> serve(s), "scripted-smtp-" + s.getPort());
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      BufferedReader in =
          new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
      OutputStream out = socket.getOutputStream();
      if (!send(out, socket, "220 scripted.test ESMTP")) {
        return;
      }
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        commands.add(line);
        String verb = line.split("[ :]", 2)[0].toUpperCase(Locale.ROOT);
        String reply;
        switch (verb) {
          case "EHLO" -> reply = "250-scripted.test\r\n250-8BITMIME\r\n" + (offerAuth ? "250-AUTH PLAIN LOGIN\r\n" : "")
              + "250 SIZE 1000000";
          case "HELO", "RSET", "NOOP" -> reply = "250 OK";
          case "MAIL" -> reply = next("MAIL", "250 2.1.0 OK");
          case "RCPT" -> reply = next("RCPT", "250 2.1.5 OK");
          case "AUTH" -> reply = next("AUTH", "235 2.7.0 Authentication successful");
          case "DATA" -> {
            reply = next("DATA", "354 End data with <CR><LF>.<CR><LF>");
            if (reply.startsWith("354")) {
              if (!send(out, socket, reply)) {
                return;
              }
              StringBuilder content = new StringBuilder();
              for (String l = in.readLine(); l != null && !l.equals("."); l = in.readLine()) {
                content.append(l).append("\r\n");
              }
              messages.add(content.toString());
              reply = next("END", "250 2.0.0 OK queued as 4ABC123");
            }
          }
          case "QUIT" -> {
            send(out, socket, "221 2.0.0 Bye");
            return;
          }
          default -> reply = "502 5.5.2 Command not recognized";
        }
        if (!send(out, socket, reply)) {
          return;
        }
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  /** Writes a reply; false when the script said to drop the connection. */
  private static boolean send(OutputStream out, Socket socket, String reply) throws IOException {
    if (reply.equals(DROP)) {
      socket.close();
      return false;
    }
    if (reply.equals(SILENT)) {
      return true;
    }
    out.write((reply + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    return true;
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
    for (Socket s : new ArrayList<>(clients)) {
      try {
        s.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }
}
