package io.ultrafleet.server.api;

import io.javalin.http.Context;
import io.ultrafleet.server.auth.Principal;

/** Who is calling, as the authentication step found: kept on the request. */
public final class Callers {
    static final String ATTRIBUTE = "ultrafleet.principal";

    private Callers() {}

    public static Principal of(Context ctx) {
        Principal p = ctx.attribute(ATTRIBUTE);
        if (p == null) {
            throw ApiException.unauthorized("a bearer token is needed");
        }
        return p;
    }

    /** The caller, who must be the admin. */
    public static Principal admin(Context ctx) {
        Principal p = of(ctx);
        if (!p.admin()) {
            throw ApiException.forbidden("this needs the admin token");
        }
        return p;
    }

    /** How the caller is named in a job's history. */
    public static String name(Principal p) {
        return p.admin() ? "the admin" : "tenant " + p.tenant();
    }
}
