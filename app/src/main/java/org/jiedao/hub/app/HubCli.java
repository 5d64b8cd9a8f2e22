package org.jiedao.hub.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code hub} command line (picocli). {@code ./hub demo} runs everything on embedded defaults;
 * see {@code ./hub --help}.
 */
@Command(name = "hub", mixinStandardHelpOptions = true, version = "Jiedao Hub 0.1.0",
        description = "Jiedao Hub: departmental data of a sub-district in one graph, queried through GraphQL.",
        footer = {"", "The launcher script also takes:", "  ./hub test    run every test (what CI runs)",
                "  ./hub build   rebuild the jars", "Settings are environment variables: see README.md (Configuration)."},
        subcommands = {DemoCommand.class, ServeCommand.class, GenerateCommand.class, IngestCommand.class, QuarantineCommand.class,
                ExportCommand.class, BenchCommand.class, StatusCommand.class, AuditCommand.class, ExchangeCommand.class,
                SimulateCommand.class, CredentialCommands.Token.class, CredentialCommands.ApiKey.class, ResolveCommand.class, AnalyticsCommand.class, ServicesCommand.class,
                CommandLine.HelpCommand.class})
public final class HubCli {
    /**
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new HubCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("hub: " + e.getMessage());
            if (System.getenv("HUB_DEBUG") != null) {
                e.printStackTrace(commandLine.getErr());
            }
            return 1;
        });
        System.exit(cli.execute(args));
    }
}
