package io.ultrafleet.server.ha;

/** A change only the leader makes was asked of a server that stands by. */
public final class NotLeader extends RuntimeException {
    private final String leaderUrl;

    /** @param leaderUrl where the leader is, or null when no server leads now */
    public NotLeader(String leaderUrl) {
        super(leaderUrl == null ? "no server leads now" : "the leader is at " + leaderUrl);
        this.leaderUrl = leaderUrl;
    }

    public String leaderUrl() {
        return leaderUrl;
    }
}
