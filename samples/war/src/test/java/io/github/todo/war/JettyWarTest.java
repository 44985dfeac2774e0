package io.github.todo.war;

import io.github.todo.http.ApiContractTest;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/** The contract against the packaged todo.war in embedded Jetty 12 (ee10), the database set by an init parameter. */
class JettyWarTest extends ApiContractTest {

    private Deployment jetty;

    @Override
    protected URI start(Path dir) throws Exception {
        jetty = JettyDeployment.start(dir, Map.of("todo.db", dir.resolve("todo.db").toString()));
        return jetty.uri();
    }

    @Override
    protected void stop() {
        if (jetty != null) {
            jetty.close();
        }
    }
}
