package io.github.authentikprovisioner.emulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The parts of Go's {@code net/url.Parse} the outpost depends on: the scheme, the host[:port] ({@code URL.Host},
 * without user info), the decoded path, and {@code URL.String()}; null where Parse returns an error (a control
 * character, a missing scheme before "://", a bad percent-escape, a bad host character or port).
 */
record GoUrl(String scheme, String host, String path, String string) {

    /** {@code url.Parse(raw)}, or null where it returns an error. */
    static GoUrl parse(String raw) {
        if (hasControlCharacter(raw)) {
            return null; // "net/url: invalid control character in URL"
        }
        int hash = raw.indexOf('#');
        String fragment = hash < 0 ? null : raw.substring(hash + 1);
        String rest = hash < 0 ? raw : raw.substring(0, hash);
        if (fragment != null && unescape(fragment) == null) {
            return null;
        }
        int colon = schemeEnd(rest);
        if (colon == 0) {
            return null; // "missing protocol scheme"
        }
        String scheme = colon < 0 ? "" : rest.substring(0, colon).toLowerCase(Locale.ROOT);
        rest = colon < 0 ? rest : rest.substring(colon + 1);
        int q = rest.indexOf('?');
        String query = q < 0 ? null : rest.substring(q + 1);
        rest = q < 0 ? rest : rest.substring(0, q);
        if (!rest.startsWith("/")) {
            if (!scheme.isEmpty()) {
                return new GoUrl(scheme, "", "", raw); // opaque, e.g. "mailto:x"
            }
            int slash = rest.indexOf('/');
            if ((slash < 0 ? rest : rest.substring(0, slash)).contains(":")) {
                return null; // "first path segment in URL cannot contain colon"
            }
        }
        return hierarchical(scheme, rest, query, fragment);
    }

    private static boolean hasControlCharacter(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    /**
     * getScheme: the index of the ":" that ends a scheme (a letter, then letters, digits, "+", "-", "."), or -1
     * where {@code rest} has none.
     */
    private static int schemeEnd(String rest) {
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (Character.isLetter(c) && c < 0x80) {
                continue;
            }
            if ((c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') && i > 0) {
                continue;
            }
            return c == ':' ? i : -1;
        }
        return -1;
    }

    /** The rest of a URL with a path: its authority (when "//" starts it), its decoded path, and its string. */
    private static GoUrl hierarchical(String scheme, String rest, String query, String fragment) {
        String host = "";
        String authority = null;
        String rawPath = rest;
        if ((!scheme.isEmpty() || !rest.startsWith("///")) && rest.startsWith("//")) {
            int end = rest.indexOf('/', 2);
            authority = end < 0 ? rest.substring(2) : rest.substring(2, end);
            rawPath = end < 0 ? "" : rest.substring(end);
            int at = authority.lastIndexOf('@');
            host = at < 0 ? authority : authority.substring(at + 1);
            if (!validHost(host)) {
                return null;
            }
        }
        String path = unescape(rawPath);
        if (path == null) {
            return null;
        }
        return new GoUrl(scheme, host, path, string(scheme, authority, rawPath, path, query, fragment));
    }

    /** {@code URL.String()}. */
    private static String string(String scheme, String authority, String rawPath, String path, String query,
            String fragment) {
        StringBuilder s = new StringBuilder();
        if (!scheme.isEmpty()) {
            s.append(scheme).append(':');
        }
        if (authority != null && (!authority.isEmpty() || !path.isEmpty())) {
            s.append("//").append(authority);
        }
        s.append(validEncodedPath(rawPath) ? rawPath : escapePath(path));
        if (query != null) {
            s.append('?').append(query); // RawQuery, or ForceQuery for a lone trailing "?"
        }
        if (fragment != null && !fragment.isEmpty()) {
            s.append('#').append(fragment);
        }
        return s.toString();
    }

    /** parseHost: a bracketed IPv6 literal or name characters, then an optional all-digit port. */
    private static boolean validHost(String host) {
        String port = "";
        if (host.startsWith("[")) {
            int close = host.lastIndexOf(']');
            if (close < 0) {
                return false; // "missing ']' in host"
            }
            port = host.substring(close + 1);
        } else {
            int colon = host.lastIndexOf(':');
            if (colon >= 0) {
                port = host.substring(colon);
            }
            for (int i = 0; i < host.length(); i++) {
                char c = host.charAt(i);
                if (c < 0x80 && !(Character.isLetterOrDigit(c) || "-._~!$&'()*+,;=:[]<>\"%".indexOf(c) >= 0)) {
                    return false; // "invalid character in host name"
                }
            }
        }
        if (!port.isEmpty() && !port.matches(":[0-9]*")) {
            return false; // "invalid port after host"
        }
        return unescape(host) != null;
    }

    /** Percent-decoding ("+" stays "+"), null on a malformed escape ("invalid URL escape"). */
    private static String unescape(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%') {
                if (i + 2 >= bytes.length || Character.digit(bytes[i + 1], 16) < 0
                        || Character.digit(bytes[i + 2], 16) < 0) {
                    return null;
                }
                out.write(Character.digit(bytes[i + 1], 16) << 4 | Character.digit(bytes[i + 2], 16));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** validEncoded(s, encodePath): the raw path is kept by EscapedPath when it needs no further escaping. */
    private static boolean validEncodedPath(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ("!$&'()*+,;=:@[]%/".indexOf(c) >= 0) {
                continue;
            }
            if (c < 0x80 && !isUnreserved(c)) {
                return false;
            }
            if (c >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** escape(s, encodePath). */
    static String escapePath(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c < 0x80 && (isUnreserved((char) c) || "$&+,/:;=@".indexOf(c) >= 0)) {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return b.toString();
    }

    private static boolean isUnreserved(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-_.~".indexOf(c) >= 0;
    }
}
