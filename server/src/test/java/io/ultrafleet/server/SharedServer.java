package io.ultrafleet.server;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One server for the test classes that only read, or undo what they change: started on first use, kept in the root
 * context's store, and stopped (its data deleted) by JUnit when the run ends, also after a failure. A test class that
 * extends with it gets the server as a {@link LocalServer} parameter.
 */
final class SharedServer implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedServer.class);

    /** The server, as the store keeps it: closed when the store is. */
    private static final class Held implements AutoCloseable {
        final LocalServer server = LocalServer.start("small.yaml", 1, 50_000);

        @Override
        public void close() {
            server.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent(Held.class, k -> new Held(), Held.class).server;
    }
}
