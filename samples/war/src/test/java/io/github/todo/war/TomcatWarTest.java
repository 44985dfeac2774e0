package io.github.todo.war;

import io.github.todo.http.ApiContractTest;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/** The contract against the packaged todo.war in embedded Tomcat, the database set by a context parameter. */
class TomcatWarTest extends ApiContractTest {

    private Deployment tomcat;

    @Override
    protected URI start(Path dir) throws Exception {
        tomcat = TomcatDeployment.start(dir, Map.of("todo.db", dir.resolve("todo.db").toString()));
        return tomcat.uri();
    }

    @Override
    protected void stop() {
        if (tomcat != null) {
            tomcat.close();
        }
    }
}
