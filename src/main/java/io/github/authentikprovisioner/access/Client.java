package io.github.authentikprovisioner.access;

import java.util.Set;

/**
 * One caller of this API: its name (in the log and the answers), the SHA-256 of its token (never the token) and its
 * scopes ({@link Scopes}).
 */
record Client(String name, byte[] sha256, Set<String> scopes) {

    Client {
        sha256 = sha256.clone();
        scopes = Set.copyOf(scopes);
    }
}
