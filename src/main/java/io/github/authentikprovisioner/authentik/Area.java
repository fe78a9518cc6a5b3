package io.github.authentikprovisioner.authentik;

/** The groups of authentik's API this service uses; each is served by one REST client interface. */
enum Area {
    PROVIDERS, CORE, FLOWS, STAGES, PROMPT, INVITATION, AUTHENTICATOR, POLICIES, PROPERTY_MAPPINGS, OUTPOSTS, ADMIN, CRYPTO
}
