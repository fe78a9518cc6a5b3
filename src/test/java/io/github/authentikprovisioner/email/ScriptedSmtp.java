package io.github.authentikprovisioner.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A minimal SMTP server for failures GreenMail does not produce: it answers each command by its first word from a
 * script, or, when {@code greeting} is null, accepts connections and never says a word (as a TLS-only port does to a
 * plain client). One connection at a time, on a thread of its own.
 */
final class ScriptedSmtp implements AutoCloseable {

    private final ServerSocket server;
    private final Thread thread;

    /** Listens on {@code port}: greets with {@code greeting} and answers each command by its verb from {@code replies}. */
    ScriptedSmtp(int port, String greeting, Map<String, String> replies) throws IOException {
        server = new ServerSocket(port, 5, InetAddress.getLoopbackAddress());
        thread = Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    converse(socket, greeting, replies);
                } catch (IOException e) {
                    // closed by the test, or the client hung up
                }
            }
        });
    }

    private static void converse(Socket socket, String greeting, Map<String, String> replies) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = socket.getOutputStream();
        if (greeting == null) {
            while (in.read() >= 0) {
                // silent: read whatever comes until the client gives up
            }
            return;
        }
        write(out, greeting);
        String line;
        while ((line = in.readLine()) != null) {
            String verb = line.split("[ :]", 2)[0].toUpperCase(java.util.Locale.ROOT);
            write(out, replies.getOrDefault(verb, "502 5.5.2 not implemented here"));
            if (verb.equals("QUIT")) {
                return;
            }
        }
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
