package io.github.todo.standalone;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes the man pages of {@code todo} and each of its commands, in AsciiDoc, from the commands
 * themselves (so with the options the settings model adds): the build runs it at {@code package}
 * into {@code target/man}, where asciidoctor-maven-plugin renders them for man(1) into {@code target/man/man1}.
 */
public final class ManPage {

    private ManPage() {
        // Prevent instantiation
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createDirectories(Path.of(args[0]));
        int code = ManPageGenerator.generateManPage(dir.toFile(), (File) null, new boolean[0], true,
                Main.commandLine(name -> null, System.out, System.err, new CountDownLatch(1)).getCommandSpec());
        if (code != 0) {
            throw new IOException("the man page generator failed with " + code);
        }
    }
}
