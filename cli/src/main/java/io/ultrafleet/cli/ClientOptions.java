package io.ultrafleet.cli;

import picocli.CommandLine.Option;

/** The options every command that talks to a server has. */
final class ClientOptions {
    @Option(
            names = "--server",
            paramLabel = "URL",
            description = "The server (default: ULTRAFLEET_SERVER, else http://127.0.0.1:8080); the token is"
                    + " ULTRAFLEET_TOKEN.")
    String server;

    @Option(names = "--json", description = "Print the server's JSON answer, for scripts.")
    boolean json;

    ApiClient client() {
        return ApiClient.from(server);
    }
}
