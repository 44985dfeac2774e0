package io.github.todo.war;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** The built todo.war, deployed at {@value #CONTEXT_PATH} in an embedded container on 127.0.0.1 and a free port. */
interface Deployment extends AutoCloseable {

    String CONTEXT_PATH = "/todo";

    /** Where the API is: {@code http://127.0.0.1:PORT/todo}. */
    URI uri();

    /** Stops the web application, as an undeploy does; the server keeps running. */
    void undeploy() throws Exception;

    /** Stops the server and everything deployed in it. */
    @Override
    void close();

    /** The .war that {@code ./mvnw package} built; failsafe passes its path as {@code todo.war}. */
    static Path war() {
        String property = System.getProperty("todo.war");
        Path war = property == null ? Path.of("target", "todo.war") : Path.of(property);
        assertTrue(Files.isRegularFile(war), war.toAbsolutePath() + " is missing: run ./mvnw verify, which packages it first");
        return war.toAbsolutePath();
    }
}
