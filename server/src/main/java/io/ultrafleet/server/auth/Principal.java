package io.ultrafleet.server.auth;

/**
 * Who is calling: an admin (no tenant; sees and changes everything) or a tenant's token (sees and acts on its own
 * queues and jobs only).
 *
 * @param tenant the tenant the token was issued for, or null for an admin
 * @param tokenId the id of the token used
 */
public record Principal(String tenant, String tokenId) {
    public boolean admin() {
        return tenant == null;
    }

    /** Whether this caller may see or act on something of {@code owner}. */
    public boolean mayAccess(String owner) {
        return admin() || tenant.equals(owner);
    }
}
