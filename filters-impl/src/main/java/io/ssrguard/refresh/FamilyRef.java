package io.ssrguard.refresh;

/**
 * How a refresh family appears in a log line: the first characters of its id,
 * enough to correlate a sign-in, its rotations and its revocation, never the
 * whole id (it is the {@code sid} of every access token of the session).
 */
public final class FamilyRef {

    /** Characters of the id a log line shows. */
    static final int SHOWN = 8;

    private FamilyRef() {
    }

    /** The id's first {@value #SHOWN} characters and an ellipsis. */
    public static String of(String familyId) {
        if (familyId == null) {
            return "-";
        }
        return familyId.length() <= SHOWN ? "…" : familyId.substring(0, SHOWN) + "…";
    }
}
