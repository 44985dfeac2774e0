package io.github.todo.war;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.naming.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.ApplicationParameter;
import org.apache.tomcat.util.descriptor.web.ContextResource;

/** todo.war in embedded Tomcat, configured the way a context file in conf/Catalina/localhost would. */
final class TomcatDeployment implements Deployment {

    /** The system properties {@link Tomcat#enableNaming()} sets for the whole JVM. */
    private static final List<String> NAMING_PROPERTIES =
            List.of("catalina.useNaming", Context.URL_PKG_PREFIXES, Context.INITIAL_CONTEXT_FACTORY);

    private final Tomcat tomcat;
    private final org.apache.catalina.Context context;
    private final Map<String, String> namingBefore;

    private TomcatDeployment(Tomcat tomcat, org.apache.catalina.Context context, Map<String, String> namingBefore) {
        this.tomcat = tomcat;
        this.context = context;
        this.namingBefore = namingBefore;
    }

    /** Deploys with context parameters, as {@code <Parameter name="todo.db" value="..."/>} sets them. */
    static TomcatDeployment start(Path dir, Map<String, String> parameters) throws Exception {
        return start(dir, parameters, null);
    }

    /**
     * Deploys with {@code resource} bound in the context's JNDI environment, as a
     * {@code <Resource/>} in the context file binds it; {@code null} leaves naming off.
     */
    static TomcatDeployment start(Path dir, Map<String, String> parameters, ContextResource resource) throws Exception {
        Path base = dir.resolve("tomcat");
        Files.createDirectories(base.resolve("webapps"));
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        // the embedded defaults add a JSP servlet whose classes are not here; the war maps /* anyway
        tomcat.setAddDefaultWebXmlToWebapp(false);
        // a servlet that cannot start fails the deployment here, instead of answering 500s
        ((StandardHost) tomcat.getHost()).setFailCtxIfServletStartFails(true);
        Map<String, String> naming = null;
        if (resource != null) {
            // enableNaming sets JVM-wide system properties: remember them, to put them back on close
            naming = new HashMap<>();
            for (String key : NAMING_PROPERTIES) {
                naming.put(key, System.getProperty(key));
            }
            tomcat.enableNaming();
        }
        org.apache.catalina.Context context = tomcat.addWebapp(CONTEXT_PATH, Deployment.war().toString());
        parameters.forEach((name, value) -> {
            ApplicationParameter parameter = new ApplicationParameter();
            parameter.setName(name);
            parameter.setValue(value);
            parameter.setOverride(false);
            context.addApplicationParameter(parameter);
        });
        if (resource != null) {
            context.getNamingResources().addResource(resource);
        }
        TomcatDeployment deployment = new TomcatDeployment(tomcat, context, naming);
        try {
            tomcat.start();
        } catch (Exception | Error e) {
            deployment.close();
            throw e;
        }
        if (!context.getState().isAvailable()) {
            deployment.close();
            throw new IllegalStateException("todo.war did not start in Tomcat: " + context.getState() + "; see the log above");
        }
        return deployment;
    }

    @Override
    public URI uri() {
        return URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + CONTEXT_PATH);
    }

    @Override
    public void undeploy() {
        tomcat.getHost().removeChild(context); // stops and destroys the context, as the manager's undeploy does
    }

    @Override
    public void close() {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            throw new IllegalStateException("Tomcat did not stop", e);
        } finally {
            if (namingBefore != null) {
                namingBefore.forEach((key, value) -> {
                    if (value == null) {
                        System.clearProperty(key);
                    } else {
                        System.setProperty(key, value);
                    }
                });
            }
        }
    }
}
