package io.ssrguard.passkeys;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.attestation.statement.none.NoneAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.trustworthiness.certpath.NullCertPathTrustworthinessVerifier;
import com.webauthn4j.verifier.attestation.trustworthiness.self.NullSelfAttestationTrustworthinessVerifier;
import com.webauthn4j.verifier.exception.BadChallengeException;
import com.webauthn4j.verifier.exception.BadOriginException;
import com.webauthn4j.verifier.exception.BadRpIdException;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import com.webauthn4j.verifier.exception.UserNotVerifiedException;
import com.webauthn4j.verifier.exception.VerificationException;
import io.ssrguard.auth.Caller;
import io.ssrguard.config.SettingsReader;
import io.ssrguard.config.SsrGuardProperties;
import io.ssrguard.keys.EncryptionKeys;
import io.ssrguard.refresh.CdiEventSink;
import io.ssrguard.refresh.RefreshSettings;
import io.ssrguard.http.WebOrigin;
import io.ssrguard.oidc.ConsumedFlows;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The two WebAuthn ceremonies, registration and sign-in, each as options (what the browser hands
 * to {@code navigator.credentials}) and finish (verifying what the authenticator answered), with
 * webauthn4j doing the parsing and the cryptography. Takes plain values: the HTTP layer resolves
 * the origin and RP id, carries the sealed challenge in a cookie and turns a finished sign-in into
 * the pack's cookies.
 *
 * <p>What is checked, beyond webauthn4j's own checks of type, challenge, origin, RP id hash, flags
 * and signature: the challenge cookie opens, is unexpired, belongs to this ceremony and is used once
 * on this node; user verification when required; only attestation {@code none} (the browser is
 * asked for none; a passkey is not tied to a make of authenticator here); the signature counter
 * must move forward when the authenticator keeps one (a regression is refused and logged as a
 * possible cloned authenticator); a sign-in's user handle must be the stored passkey's; a
 * username-first sign-in must use one of that user's passkeys.
 */
public final class PasskeyCeremonies {

    private static final Logger LOG = Logger.getLogger(PasskeyCeremonies.class.getName());
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final int CHALLENGE_BYTES = 32;
    private static final int USER_HANDLE_BYTES = 32;
    /** ES256 first (every platform authenticator), then EdDSA and RS256 (Windows Hello). */
    private static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.EdDSA),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));

    /** A ceremony's options: the JSON for the browser and the challenge cookie's value. */
    public record Started(Map<String, Object> options, String challengeCookie) {
    }

    private final PasskeySettings settings;
    private final PasskeyStore store;
    private final PasskeyChallengeCodec codec;
    private final ConsumedFlows usedChallenges;
    private final Consumer<PasskeyEvent> events;
    private final Clock clock;
    private final SecureRandom random;
    private final WebAuthnManager manager;
    private final AttestedCredentialDataConverter credentialData;

    public PasskeyCeremonies(PasskeySettings settings, PasskeyStore store, PasskeyChallengeCodec codec,
                             Consumer<PasskeyEvent> events, Clock clock, SecureRandom random) {
        this.settings = settings;
        this.store = store;
        this.codec = codec;
        // Remembered a minute past the cookie's own expiry (see ConsumedFlows), so a replay is refused throughout.
        this.usedChallenges = new ConsumedFlows(settings.challengeTtl(), clock);
        this.events = events;
        this.clock = clock;
        this.random = random;
        ObjectConverter converter = new ObjectConverter();
        this.manager = new WebAuthnManager(List.of(new NoneAttestationStatementVerifier()),
                new NullCertPathTrustworthinessVerifier(), new NullSelfAttestationTrustworthinessVerifier(), converter);
        this.credentialData = new AttestedCredentialDataConverter(converter);
    }

    /**
     * The ceremonies, started when {@code ssrguard.passkeys.enabled} is on: passkeys kept where the refresh
     * families are, the challenge sealed under the CSRF keys (required outside dev, like the OIDC
     * flow state), events fired through the application's CDI container where there is one.
     */
    public static PasskeyCeremonies start(PasskeySettings passkeys, SettingsReader settings, RefreshSettings refresh,
                                          Function<String, DataSource> dataSources, ClassLoader applicationClassLoader,
                                          Clock clock, SecureRandom random) {
        EncryptionKeys keys = EncryptionKeys.forSharedCookie(settings, SsrGuardProperties.PASSKEYS_ENABLED,
                "the passkey challenge cookie", random);
        PasskeyStore store = refresh.store() == RefreshSettings.StoreType.JDBC
                ? new JdbcPasskeyStore(dataSources.apply(refresh.dataSource()), refresh.tablePrefix(),
                        refresh.createSchema())
                : new InMemoryPasskeyStore();
        LOG.info(() -> "SSR Guard passkeys on: RP id " + passkeys.rpId().orElse("(the site's host)") + ", user verification "
                + (passkeys.userVerificationRequired() ? "required" : "preferred") + ", kept "
                + (store instanceof JdbcPasskeyStore ? "in the refresh store's database" : "in memory (one node)"));
        return new PasskeyCeremonies(passkeys, store,
                new PasskeyChallengeCodec(keys, passkeys.challengeTtl(), clock, random),
                CdiEventSink.forApplication(applicationClassLoader, PasskeyEvent.class), clock, random);
    }

    /** The settings it runs with. */
    public PasskeySettings settings() {
        return settings;
    }

    /** Options to register a passkey for a signed-in user; their passkeys are excluded, so one authenticator holds one. */
    public Started startRegistration(String username, String rpId) {
        List<Passkey> existing = store.forUser(username);
        String userHandle = existing.isEmpty() ? randomText(USER_HANDLE_BYTES) : existing.get(0).userHandle();
        PasskeyChallenge challenge = new PasskeyChallenge(PasskeyChallenge.Ceremony.REGISTER,
                randomText(CHALLENGE_BYTES), username, userHandle, clock.instant());
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("rp", ordered("id", rpId, "name", settings.rpName()));
        options.put("user", ordered("id", userHandle, "name", username, "displayName", username));
        options.put("challenge", challenge.challenge());
        List<Object> params = new ArrayList<>();
        for (PublicKeyCredentialParameters p : ALGORITHMS) {
            params.add(ordered("type", "public-key", "alg", p.getAlg().getValue()));
        }
        options.put("pubKeyCredParams", params);
        options.put("timeout", settings.challengeTtl().toMillis());
        options.put("excludeCredentials", descriptors(existing));
        options.put("authenticatorSelection", ordered("residentKey", "required", "requireResidentKey", true,
                "userVerification", userVerification()));
        options.put("attestation", "none");
        return new Started(options, codec.seal(challenge));
    }

    /**
     * Verifies a registration response and stores the new passkey.
     *
     * @param caller   the signed-in user now; must be the one the options were issued to
     * @param json     the {@code PublicKeyCredential}'s JSON ({@code toJSON()})
     */
    public Passkey finishRegistration(Caller caller, String challengeCookie, String json, List<WebOrigin> origins,
                                      String rpId, String label) throws PasskeyRefusal {
        String username = caller.name();
        PasskeyChallenge challenge = consume(challengeCookie, PasskeyChallenge.Ceremony.REGISTER);
        if (!challenge.username().equals(username)) {
            throw PasskeyRefusal.bad("registration options were issued to another user");
        }
        RegistrationData data;
        try {
            data = manager.verifyRegistrationResponseJSON(json, new RegistrationParameters(
                    serverProperty(origins, rpId, challenge), ALGORITHMS, settings.userVerificationRequired(), true));
        } catch (DataConversionException | VerificationException e) {
            throw refusal("registration", e);
        } catch (RuntimeException e) {
            throw PasskeyRefusal.bad("registration response unreadable: " + e.getClass().getSimpleName());
        }
        AuthenticatorData<?> authData = data.getAttestationObject().getAuthenticatorData();
        AttestedCredentialData attested = authData.getAttestedCredentialData();
        if (attested == null) {
            throw PasskeyRefusal.bad("registration response without attested credential data");
        }
        if (!keyFitsItsAlgorithm(attested.getCOSEKey())) {
            throw PasskeyRefusal.bad("registration refused: the public key is not of the algorithm it names");
        }
        Instant now = clock.instant();
        Passkey passkey = new Passkey(B64.encodeToString(attested.getCredentialId()), challenge.userHandle(), username, caller.groups(),
                credentialData.convert(attested), authData.getSignCount(), label(label), now, null);
        if (!store.add(passkey)) {
            throw new PasskeyRefusal(409, "passkey_exists", "a passkey with this credential id is already registered");
        }
        LOG.info(() -> "SSR Guard security event: passkey " + passkey + " registered");
        events.accept(new PasskeyEvent.Registered(username, passkey.credentialId(), now));
        return passkey;
    }

    /**
     * Options to sign in: with {@code username} (username-first) the user's passkeys are listed; without it
     * (username-less) none are, and the authenticator offers its discoverable passkeys for the RP id.
     */
    public Started startSignIn(String username, String rpId) {
        PasskeyChallenge challenge = new PasskeyChallenge(PasskeyChallenge.Ceremony.SIGN_IN,
                randomText(CHALLENGE_BYTES), username, null, clock.instant());
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("challenge", challenge.challenge());
        options.put("rpId", rpId);
        options.put("timeout", settings.challengeTtl().toMillis());
        options.put("userVerification", userVerification());
        options.put("allowCredentials", username == null ? List.of() : descriptors(store.forUser(username)));
        return new Started(options, codec.seal(challenge));
    }

    /**
     * Verifies a sign-in response and records the use.
     *
     * @return the passkey, now with the new counter: its user is signed in
     */
    public Passkey finishSignIn(String challengeCookie, String json, List<WebOrigin> origins, String rpId)
            throws PasskeyRefusal {
        PasskeyChallenge challenge = consume(challengeCookie, PasskeyChallenge.Ceremony.SIGN_IN);
        AuthenticationData data;
        try {
            data = manager.parseAuthenticationResponseJSON(json);
        } catch (RuntimeException e) {
            throw PasskeyRefusal.bad("sign-in response unreadable: " + e.getClass().getSimpleName());
        }
        if (data.getCredentialId() == null || data.getAuthenticatorData() == null) {
            throw PasskeyRefusal.bad("sign-in response without credential id or authenticator data");
        }
        String id = B64.encodeToString(data.getCredentialId());
        Passkey passkey = store.find(id).orElseThrow(() -> new PasskeyRefusal(400, "unknown_passkey",
                "no passkey with credential id " + id.substring(0, Math.min(8, id.length())) + "… (removed, or never registered here)"));
        if (data.getUserHandle() != null && !B64.encodeToString(data.getUserHandle()).equals(passkey.userHandle())) {
            throw PasskeyRefusal.bad("user handle does not match the passkey's");
        }
        if (challenge.username() != null && !challenge.username().equals(passkey.username())) {
            throw PasskeyRefusal.bad("passkey of another user than the one who asked to sign in");
        }
        CredentialRecordImpl record = new CredentialRecordImpl(new NoneAttestationStatement(), null, null, null,
                passkey.signatureCount(), credentialData.convert(passkey.credentialData()), null, null, null, null);
        try {
            manager.verify(data, new AuthenticationParameters(serverProperty(origins, rpId, challenge), record,
                    List.of(data.getCredentialId()), settings.userVerificationRequired(), true));
        } catch (MaliciousCounterValueException e) {
            LOG.warning("SSR Guard security event: passkey " + passkey + " presented signature counter "
                    + data.getAuthenticatorData().getSignCount() + ", not above the stored one: possibly a cloned"
                    + " authenticator; sign-in refused");
            throw new PasskeyRefusal(400, "invalid_passkey", "signature counter regression");
        } catch (DataConversionException | VerificationException e) {
            throw refusal("sign-in", e);
        } catch (RuntimeException e) {
            throw PasskeyRefusal.bad("sign-in response unverifiable: " + e.getClass().getSimpleName());
        }
        long count = data.getAuthenticatorData().getSignCount();
        Instant now = clock.instant();
        if (!store.recordUse(id, passkey.signatureCount(), count, now)) {
            // Removed meanwhile, or another sign-in with the same counter won: one of the two is a copy.
            LOG.warning("SSR Guard security event: passkey " + passkey + " was used twice at once or removed"
                    + " during the sign-in; refused");
            throw new PasskeyRefusal(400, "invalid_passkey", "passkey changed during the sign-in");
        }
        events.accept(new PasskeyEvent.Used(passkey.username(), id, now));
        return passkey.used(count, now);
    }

    /** The user's passkeys, for the list endpoint. */
    public List<Passkey> list(String username) {
        return store.forUser(username);
    }

    /** Removes one of the user's passkeys; false when they have none with this id. */
    public boolean remove(String username, String credentialId) {
        boolean removed = store.remove(username, credentialId);
        if (removed) {
            LOG.info(() -> "SSR Guard security event: passkey " + credentialId.substring(0, Math.min(8, credentialId.length()))
                    + "… of '" + username + "' removed");
            events.accept(new PasskeyEvent.Removed(username, credentialId, clock.instant()));
        }
        return removed;
    }

    private PasskeyChallenge consume(String cookie, PasskeyChallenge.Ceremony ceremony) throws PasskeyRefusal {
        PasskeyChallenge challenge = codec.open(cookie);
        if (challenge.ceremony() != ceremony) {
            throw new PasskeyRefusal(400, "invalid_challenge", "challenge of the other ceremony (" + challenge.ceremony() + ")");
        }
        // Burnt before verifying, so that a failed attempt cannot be retried with the same challenge either.
        if (!usedChallenges.consume(challenge.challenge())) {
            throw new PasskeyRefusal(400, "invalid_challenge", "passkey challenge already used (a replay)");
        }
        return challenge;
    }

    private ServerProperty serverProperty(List<WebOrigin> origins, String rpId, PasskeyChallenge challenge) {
        Set<Origin> allowed = new LinkedHashSet<>();
        origins.forEach(o -> allowed.add(Origin.create(o.toString())));
        return ServerProperty.builder().origins(allowed).rpId(rpId)
                .challenge(new DefaultChallenge(Base64.getUrlDecoder().decode(challenge.challenge()))).build();
    }

    /**
     * webauthn4j checks that the algorithm a new key names is one the options offered, not that the key is of
     * that algorithm's type: an EC key naming RS256 would be stored, and no sign-in could ever verify with it.
     */
    private static boolean keyFitsItsAlgorithm(COSEKey key) {
        if (key == null || key.getAlgorithm() == null) {
            return false;
        }
        COSEAlgorithmIdentifier alg = key.getAlgorithm();
        return ALGORITHMS.stream().anyMatch(p -> p.getAlg().equals(alg)) && alg.getKeyType() == key.getKeyType();
    }

    private static PasskeyRefusal refusal(String ceremony, Exception e) {
        String what = e instanceof BadOriginException ? "wrong origin"
                : e instanceof BadRpIdException ? "wrong RP id"
                : e instanceof BadChallengeException ? "wrong challenge"
                : e instanceof UserNotVerifiedException ? "user not verified"
                : e instanceof DataConversionException ? "malformed response"
                : e.getClass().getSimpleName();
        return PasskeyRefusal.bad(ceremony + " refused: " + what);
    }

    private String userVerification() {
        return settings.userVerificationRequired() ? "required" : "preferred";
    }

    private static List<Object> descriptors(List<Passkey> passkeys) {
        List<Object> list = new ArrayList<>();
        passkeys.forEach(p -> list.add(ordered("type", "public-key", "id", p.credentialId())));
        return list;
    }

    private static String label(String label) {
        if (label == null || label.isBlank()) {
            return "passkey";
        }
        String trimmed = label.strip();
        StringBuilder safe = new StringBuilder();
        trimmed.codePoints().limit(64).filter(c -> !Character.isISOControl(c)).forEach(safe::appendCodePoint);
        return safe.length() == 0 ? "passkey" : safe.toString();
    }

    private String randomText(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return B64.encodeToString(b);
    }

    private static Map<String, Object> ordered(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
