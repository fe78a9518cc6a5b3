package io.github.authentikprovisioner.emulator;

import java.security.SecureRandom;
import java.time.Duration;

/**
 * Copies of authentik's own helpers that several collections and the outposts use: its duration syntax and its
 * random ids.
 */
final class AuthentikLib {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private AuthentikLib() {
    }

    /** authentik's duration syntax, e.g. {@code days=1;hours=2} (authentik/lib/utils/time.py). */
    static Duration duration(String text) {
        Duration out = Duration.ZERO;
        for (String part : text.split(";")) {
            String[] kv = part.strip().split("=", 2);
            double amount = Double.parseDouble(kv[1]);
            double seconds = switch (kv[0]) {
                case "microseconds" -> amount / 1_000_000;
                case "milliseconds" -> amount / 1000;
                case "seconds" -> amount;
                case "minutes" -> amount * 60;
                case "hours" -> amount * 3600;
                case "days" -> amount * 86_400;
                case "weeks" -> amount * 604_800;
                default -> throw new IllegalArgumentException("unknown unit in " + text);
            };
            out = out.plusMillis(Math.round(seconds * 1000));
        }
        return out;
    }

    /** {@code length} random letters and digits, as generate_id does (authentik/lib/generators.py). */
    static String random(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALNUM.charAt(RANDOM.nextInt(ALNUM.length())));
        }
        return sb.toString();
    }
}
