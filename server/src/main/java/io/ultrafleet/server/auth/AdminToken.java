package io.ultrafleet.server.auth;

import io.ultrafleet.server.StartupException;
import io.ultrafleet.server.store.Database;
import io.ultrafleet.server.store.Tokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The admin token: {@code ULTRAFLEET_ADMIN_TOKEN} when set (taken as given, at least 16 characters), else one made on
 * the first start and written to {@code DATA/admin.token}, readable by its owner only. Only its hash is stored.
 */
public final class AdminToken {
    /** The shortest admin token accepted from the environment. */
    public static final int MIN_LENGTH = 16;

    private AdminToken() {}

    /**
     * Makes sure the database knows the admin token, and says where it comes from (never what it is).
     *
     * @param fromEnvironment {@code ULTRAFLEET_ADMIN_TOKEN}, or null
     * @param dataDir where {@code admin.token} is written when the environment gives none
     */
    public static String ensure(Database db, String fromEnvironment, Path dataDir, long now) {
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            if (fromEnvironment.length() < MIN_LENGTH || fromEnvironment.isBlank()) {
                throw new StartupException("ULTRAFLEET_ADMIN_TOKEN must be at least " + MIN_LENGTH + " characters");
            }
            String hash = TokenHash.of(fromEnvironment);
            setAdmin(db, hash, now);
            return "the admin token is the one in ULTRAFLEET_ADMIN_TOKEN";
        }
        Path file = dataDir.resolve("admin.token");
        if (Files.exists(file)) {
            String token = read(file);
            setAdmin(db, TokenHash.of(token), now);
            return "the admin token is in " + file;
        }
        boolean known = db.withHandle(Tokens::hasAdmin);
        if (known) {
            throw new StartupException("the database has an admin token but " + file + " is missing: set"
                    + " ULTRAFLEET_ADMIN_TOKEN to it, or to a new token to replace it");
        }
        String token = TokenHash.newToken();
        write(file, token);
        setAdmin(db, TokenHash.of(token), now);
        return "the admin token was written to " + file + " (readable by its owner only)";
    }

    /**
     * Stores the admin token's hash. Servers started together on one database may both find no admin row and both
     * insert it: the one that loses sets the hash again over the row the other made.
     */
    private static void setAdmin(Database db, String hash, long now) {
        Database.retryOnUniqueViolation(() -> db.inTransaction(h -> {
            Tokens.setAdmin(h, hash, now);
            return null;
        }));
    }

    private static String read(Path file) {
        try {
            String token = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (token.length() < MIN_LENGTH) {
                throw new StartupException(file + " holds no admin token of at least " + MIN_LENGTH + " characters");
            }
            return token;
        } catch (IOException e) {
            throw new StartupException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static void write(Path file, String token) {
        try {
            Files.createDirectories(file.getParent());
            try {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
            Files.writeString(file, token + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            throw new StartupException(file + " appeared while the server was starting; start it again");
        } catch (IOException e) {
            throw new StartupException("cannot write " + file + ": " + e.getMessage());
        }
    }
}
