package io.github.authentikprovisioner.email;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;

import io.github.authentikprovisioner.mail.MailSettings;
import io.netty.handler.ssl.NotSslRecordException;
import io.vertx.ext.mail.SMTPException;

/**
 * Where an SMTP attempt failed, told from what the Vert.x mail client and Netty raise, and what the server (or the
 * network) said. The mail client does not report how far it got, so the step is read from the failure itself: SMTP
 * replies carry the command they answered, TLS and network failures their exception type.
 */
record SmtpFailure(SmtpStep step, String reply) {

    /** Longest reply kept: a server's multi-line answer, or a certificate chain's message, stays readable. */
    static final int MAX_REPLY = 1000;

    /**
     * Login failures, whichever command drew them (RFC 4954): 530 authentication required, 534 mechanism too weak,
     * 535 credentials invalid, 538 encryption required for the mechanism.
     */
    private static final List<Integer> AUTH_CODES = List.of(530, 534, 535, 538);
    private static final Pattern NOT_TLS = Pattern.compile("not an SSL/TLS record: ([0-9a-fA-F]+)");
    /** io.vertx.ext.mail.impl.SMTPConnection's message for a socket closed under it (vertx-mail-client 4.5). */
    private static final String CLOSED = "socket was closed unexpected.";

    /** The step and reply of {@code failure}, with the password redacted. */
    static SmtpFailure of(Throwable failure, MailSettings settings) {
        SmtpFailure raw = classify(failure, settings);
        String reply = settings.redact(raw.reply());
        if (reply.length() > MAX_REPLY) {
            reply = reply.substring(0, MAX_REPLY) + "…";
        }
        return new SmtpFailure(raw.step(), reply);
    }

    private static SmtpFailure classify(Throwable failure, MailSettings settings) {
        List<Throwable> chain = chain(failure);
        for (Throwable t : chain) {
            if (t instanceof SMTPException smtp) {
                return new SmtpFailure(smtpStep(smtp), message(smtp));
            }
        }
        for (Throwable t : chain) {
            if (t instanceof NotSslRecordException) {
                return new SmtpFailure(SmtpStep.TLS, notTls(message(t)));
            }
        }
        for (int i = 0; i < chain.size(); i++) {
            if (chain.get(i) instanceof SSLException) {
                // Vert.x wraps the handshake's reason (an untrusted certificate, ...) in "Failed to create SSL connection"
                return new SmtpFailure(SmtpStep.TLS, messages(chain.subList(i, chain.size())));
            }
        }
        for (Throwable t : chain) {
            String message = t.getMessage() == null ? "" : t.getMessage();
            // io.vertx.ext.mail.impl.SMTPInitialDialogue and SMTPAuthentication (vertx-mail-client 4.5)
            if (message.startsWith("STARTTLS required")) {
                return new SmtpFailure(SmtpStep.TLS, message);
            }
            if (message.startsWith("login is required")) {
                return new SmtpFailure(SmtpStep.AUTH, message);
            }
            if (t instanceof io.smallrye.mutiny.TimeoutException) {
                // counted as connect although the client cannot say how far it got: silence in practice comes before
                // the greeting, from a port that expects TLS from the first byte spoken to in plain text
                return new SmtpFailure(SmtpStep.CONNECT, timedOut(settings));
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException) {
                return new SmtpFailure(SmtpStep.CONNECT, describe(t));
            }
        }
        for (Throwable t : chain) {
            if (t instanceof IOException && CLOSED.equals(t.getMessage())) {
                // the mail client's word for a closed socket (SMTPConnection.handleNSClosed), which the idle timeout
                // closes when the server sent nothing for AUTHENTIK_EMAIL__TIMEOUT, as smtplib's socket timeout would
                return new SmtpFailure(SmtpStep.CONNECT, "the connection to " + settings.server() + " was closed: the "
                        + "server hung up, or sent nothing within AUTHENTIK_EMAIL__TIMEOUT ("
                        + settings.timeoutPerOperation().toSeconds() + " s) of one step");
            }
        }
        for (Throwable t : chain) {
            if (t instanceof IOException) {
                return new SmtpFailure(SmtpStep.CONNECT, describe(t)); // the connection broke
            }
        }
        return new SmtpFailure(SmtpStep.SEND, describe(failure)); // e.g. an address the client cannot encode
    }

    /**
     * The client's own prefix names the command: "got error response" is the greeting and "HELO failed." the
     * greeting's follow-up (SMTPInitialDialogue), "AUTH x failed" the login (SMTPAuthentication); sender, recipient
     * and DATA refusals come from SMTPSendMail.
     */
    private static SmtpStep smtpStep(SMTPException e) {
        String message = message(e);
        if (AUTH_CODES.contains(e.getReplyCode()) || message.startsWith("AUTH ")) {
            return SmtpStep.AUTH;
        }
        if (message.startsWith("got error response") || message.startsWith("HELO failed")) {
            return SmtpStep.CONNECT;
        }
        return SmtpStep.SEND;
    }

    private static String timedOut(MailSettings settings) {
        String out = "no answer from " + settings.server() + " within " + settings.timeoutPerOperation().toSeconds()
                + " s (AUTHENTIK_EMAIL__TIMEOUT)";
        if (!settings.ssl()) {
            out += "; a server that expects TLS from the first byte (usually port 465) stays silent until spoken to "
                    + "in TLS: then set AUTHENTIK_EMAIL__USE_SSL=true";
        }
        return out;
    }

    /** Netty shows the bytes it got as hex; a plain SMTP server's greeting reads better as text. */
    private static String notTls(String message) {
        Matcher m = NOT_TLS.matcher(message);
        if (!m.find() || m.group(1).length() % 2 != 0) {
            return message;
        }
        String text = new String(HexFormat.of().parseHex(m.group(1)), StandardCharsets.US_ASCII)
                .replaceAll("[^\\x20-\\x7e]+", " ").strip();
        return "not an SSL/TLS record: the server answered in plain text: " + text
                + " (for STARTTLS set AUTHENTIK_EMAIL__USE_TLS=true instead of AUTHENTIK_EMAIL__USE_SSL)";
    }

    /** The first message from {@code t} down to its root cause, past the wrappers of asynchronous results. */
    private static String describe(Throwable t) {
        for (Throwable c : chain(t)) {
            if (c.getMessage() != null && !c.getMessage().isBlank()
                    && !(c instanceof java.util.concurrent.CompletionException && c.getCause() != null)) {
                return c.getMessage();
            }
        }
        return t.getClass().getSimpleName();
    }

    /** The messages of {@code chain} joined, leaving out those an earlier one already contains. */
    private static String messages(List<Throwable> chain) {
        List<String> out = new ArrayList<>();
        for (Throwable t : chain) {
            String m = t.getMessage();
            if (m != null && !m.isBlank() && out.stream().noneMatch(o -> o.contains(m))) {
                out.add(m);
            }
        }
        return out.isEmpty() ? chain.getFirst().getClass().getSimpleName() : String.join(": ", out);
    }

    private static String message(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> out = new ArrayList<>();
        for (Throwable t = failure; t != null && !out.contains(t) && out.size() < 20; t = t.getCause()) {
            out.add(t);
        }
        return out;
    }
}
