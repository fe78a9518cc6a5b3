package io.github.authentikprovisioner.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * A minimal SMTP server for failures GreenMail does not produce: it answers each command by its first word from a
 * script (after a DATA reply of 354, the message up to its "." line is answered by the script's "."), or, when
 * {@code greeting} is null, accepts connections and never says a word (as a TLS-only port does to a plain client).
 * Each answer can come after a pause, as from a slow server. One connection at a time, on a thread of its own.
 */
final class ScriptedSmtp implements AutoCloseable {

    private final ServerSocket server;
    private final Thread thread;

    /** Listens on {@code port}: greets with {@code greeting} and answers each command by its verb from {@code replies}. */
    ScriptedSmtp(int port, String greeting, Map<String, String> replies) throws IOException {
        this(port, greeting, replies, Duration.ZERO);
    }

    /** The same, each answer (the greeting too) {@code pause} after the line it answers. */
    ScriptedSmtp(int port, String greeting, Map<String, String> replies, Duration pause) throws IOException {
        this(port, greeting, replies, pause, null);
    }

    /** The same, falling silent (reading on, answering nothing) from the command {@code silentFrom} on. */
    ScriptedSmtp(int port, String greeting, Map<String, String> replies, Duration pause, String silentFrom)
            throws IOException {
        server = new ServerSocket(port, 5, InetAddress.getLoopbackAddress());
        thread = Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    converse(socket, greeting, replies, pause, silentFrom);
                } catch (IOException e) {
                    // closed by the test, or the client hung up
                }
            }
        });
    }

    private static void converse(Socket socket, String greeting, Map<String, String> replies, Duration pause,
            String silentFrom) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = socket.getOutputStream();
        if (greeting == null) {
            while (in.read() >= 0) {
                // silent: read whatever comes until the client gives up
            }
            return;
        }
        write(out, greeting, pause);
        String line;
        while ((line = in.readLine()) != null) {
            String verb = line.split("[ :]", 2)[0].toUpperCase(java.util.Locale.ROOT);
            if (verb.equals(silentFrom)) {
                while (in.read() >= 0) {
                    // silent from here on, until the client gives up
                }
                return;
            }
            String reply = replies.getOrDefault(verb, "502 5.5.2 not implemented here");
            write(out, reply, pause);
            if (verb.equals("DATA") && reply.startsWith("354")) {
                while ((line = in.readLine()) != null && !line.equals(".")) {
                    // the message
                }
                write(out, replies.getOrDefault(".", "250 2.0.0 queued"), pause);
            }
            if (verb.equals("QUIT")) {
                return;
            }
        }
    }

    private static void write(OutputStream out, String reply, Duration pause) throws IOException {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        write(out, reply);
    }

    private static void write(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws Exception {
        server.close();
        thread.join(5_000);
    }
}
