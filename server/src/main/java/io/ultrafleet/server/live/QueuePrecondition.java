package io.ultrafleet.server.live;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What a change of a queue's settings asks to be true of the queue first (HTTP's {@code If-Match} and {@code
 * If-None-Match: *}), so that two admins who read a queue and change it at once cannot undo each other's change: the
 * second finds the queue changed and reads it again. The loop checks it against its state when it applies the change,
 * after every change that came before it.
 *
 * <p>A queue's entity tag names its settings (priority class, quotas, cohort, weight) as stored: it changes when they
 * change and not with the queue's use, and two servers give the same tag for the same settings.
 *
 * @param ifMatch the tags the queue's settings must have now ({@code *}: any, so the queue must exist); null for none
 * @param mustBeNew true when the queue must not exist yet ({@code If-None-Match: *})
 */
public record QueuePrecondition(List<String> ifMatch, boolean mustBeNew) {
    public QueuePrecondition {
        ifMatch = ifMatch == null ? null : List.copyOf(ifMatch);
    }

    /** Whether a queue whose stored settings are {@code settingsJson} (null: no such queue) may be changed. */
    public boolean holds(String settingsJson) {
        if (mustBeNew && settingsJson != null) {
            return false;
        }
        if (ifMatch == null) {
            return true;
        }
        if (settingsJson == null) {
            return false;
        }
        String tag = tagOf(settingsJson);
        for (String t : ifMatch) {
            if (t.equals("*") || t.equals(tag)) {
                return true;
            }
        }
        return false;
    }

    /** The strong entity tag of settings stored as {@code settingsJson}, quoted as HTTP writes it. */
    public static String tagOf(String settingsJson) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(settingsJson.getBytes(StandardCharsets.UTF_8));
            return "\"q-" + HexFormat.of().formatHex(d, 0, 10) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The change was refused: the queue's settings are not what its precondition asked for. */
    public static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** The queue's tag now, or null when it does not exist. */
        private final String current;

        public Failed(String current) {
            super(current == null ? "no such queue" : "the queue's settings are now " + current, null, false, false);
            this.current = current;
        }

        public String current() {
            return current;
        }
    }
}
