package io.github.todo.bench;

import picocli.CommandLine.Option;

/** {@code -h}/{@code --help} on every command: its usage on stdout, status 0. */
final class HelpOption {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
    boolean help;
}
