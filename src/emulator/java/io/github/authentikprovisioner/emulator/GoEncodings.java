package io.github.authentikprovisioner.emulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Copies of the Go library functions the embedded outpost's answers are built with, byte for byte as Go writes them:
 * an HS256 JWT (golang-jwt with encoding/json), {@code path.Join}, {@code net/url.QueryEscape}, net/http's HTML
 * escaping, and unpadded base32.
 */
final class GoEncodings {

    private GoEncodings() {
    }

    /** An HS256 JWT of {@code claims} signed with {@code secret}, as the outpost's state parameter is. */
    static String jwt(ObjectNode claims, String secret) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        // encoding/json escapes <, > and & in strings
        String payload = claims.toString().replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
        String signing = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return signing + "." + b64.encodeToString(mac.doFinal(signing.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Go's path.Join of a URL path and an absolute suffix: slashes collapsed, "." and ".." resolved. */
    static String joinPath(String base, String suffix) {
        Deque<String> out = new ArrayDeque<>();
        for (String segment : (base + "/" + suffix).split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                out.pollLast();
            } else {
                out.addLast(segment);
            }
        }
        return "/" + String.join("/", out);
    }

    /** net/url QueryEscape: everything but letters, digits and -_.~ percent-encoded, space as "+". */
    static String queryEscape(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-_.~".indexOf(c) >= 0) {
                b.append((char) c);
            } else if (c == ' ') {
                b.append('+');
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return b.toString();
    }

    /** net/http htmlEscape. */
    static String htmlEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&#34;")
                .replace("'", "&#39;");
    }

    /** {@code encoding/base32.StdEncoding} without its padding, as a new proxy session's id is written. */
    static String base32(byte[] bytes) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder b = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte x : bytes) {
            buffer = buffer << 8 | x & 0xff;
            bits += 8;
            while (bits >= 5) {
                b.append(alphabet.charAt(buffer >> bits - 5 & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            b.append(alphabet.charAt(buffer << 5 - bits & 31));
        }
        return b.toString();
    }
}
