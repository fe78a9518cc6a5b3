package io.github.authentikprovisioner.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * How the emulator keeps a user's password: salted and hashed, like Django's {@code User.password} column (which no
 * serializer renders), so a test can check which password a user has without the emulator holding it in clear. Not
 * Django's PBKDF2: only the emulator reads these.
 */
final class PasswordHash {

    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHash() {
    }

    static String of(String password) {
        byte[] salt = new byte[12];
        RANDOM.nextBytes(salt);
        String encodedSalt = Base64.getEncoder().encodeToString(salt);
        return "emulator-sha256$" + encodedSalt + "$" + digest(encodedSalt, password);
    }

    /** Whether {@code stored} (a value of {@link #of}, or absent/unusable) is the hash of {@code password}. */
    static boolean matches(String stored, String password) {
        if (stored == null || !stored.startsWith("emulator-sha256$")) {
            return false;
        }
        String[] parts = stored.split("\\$", 3);
        return MessageDigest.isEqual(parts[2].getBytes(StandardCharsets.US_ASCII),
                digest(parts[1], password).getBytes(StandardCharsets.US_ASCII));
    }

    private static String digest(String salt, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt.getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha.digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
