package io.github.todo.war;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** todo.war in embedded Jetty 12 (ee10), configured the way a context XML file in webapps/ would. */
final class JettyDeployment implements Deployment {

    private final Server server;
    private final ServerConnector connector;
    private final WebAppContext webapp;

    private JettyDeployment(Server server, ServerConnector connector, WebAppContext webapp) {
        this.server = server;
        this.connector = connector;
        this.webapp = webapp;
    }

    /** Deploys with context init parameters, as {@code <Call name="setInitParameter">} in a context XML sets them. */
    static JettyDeployment start(Path dir, Map<String, String> parameters) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath(CONTEXT_PATH);
        webapp.setWar(Deployment.war().toString());
        webapp.setTempDirectory(Files.createDirectories(dir.resolve("jetty")).toFile());
        webapp.setThrowUnavailableOnStartupException(true);
        parameters.forEach(webapp::setInitParameter);
        server.setHandler(webapp);
        JettyDeployment deployment = new JettyDeployment(server, connector, webapp);
        try {
            server.start();
        } catch (Exception | Error e) {
            deployment.close();
            throw e;
        }
        return deployment;
    }

    @Override
    public URI uri() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + CONTEXT_PATH);
    }

    @Override
    public void undeploy() throws Exception {
        webapp.stop();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Jetty did not stop", e);
        }
    }
}
