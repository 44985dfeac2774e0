package io.github.todo.http.internal;

import io.github.todo.http.ApiExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * The pages and files the API serves from the class path: {@code /openapi.json}, the Swagger UI
 * page at {@code /docs} and the web app at {@code /app/}. Every link between them is relative, so
 * they work wherever the API is mounted.
 */
final class WebHandlers {

    private static final String OWN = "io/github/todo/http/";
    private static final String APP = OWN + "app/";
    private static final String DOCS = OWN + "docs/";
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final String WEBJAR_POM = "META-INF/maven/org.webjars/swagger-ui/pom.properties";
    // Only what docs.html uses: the jar's own index.html and initializer open the petstore demo.
    private static final Set<String> WEBJAR_FILES = Set.of("swagger-ui.css", "swagger-ui-bundle.js", "favicon-32x32.png");
    private static final byte[] EMPTY = new byte[0];

    // Revalidate each time (a 304 costs one round trip); the pages change with every release.
    private static final String NO_CACHE = "no-cache";
    // Swagger UI's files are requested as name?v=<version>: that URL never changes its content.
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";
    private static final String APP_POLICY = "default-src 'self'; img-src 'self' data:; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";
    // Swagger UI sets style attributes from script, which 'self' alone would block.
    private static final String DOCS_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final StaticFiles files = new StaticFiles();
    private final String swaggerUi;
    private final StaticFiles.Asset docsPage;

    public WebHandlers() {
        this.swaggerUi = swaggerUiVersion(files);
        // The page names Swagger UI's files with its version (name?v=...), so they can be cached for good.
        String template = files.text(OWN + "docs.html");
        this.docsPage = swaggerUi == null || template == null ? null : StaticFiles.asset(
                template.replace("{{swagger-ui}}", swaggerUi).getBytes(StandardCharsets.UTF_8), StaticFiles.mediaType("docs.html"));
    }

    /** Whether {@link #serve} would answer {@code match} from memory, without blocking. */
    public boolean isReady(Router.Match match) {
        return switch (match.route()) {
            case APP, DOCS -> true;
            case OPENAPI -> files.isLoaded(OWN, "openapi.json");
            case APP_PAGE -> files.isLoaded(APP, "index.html");
            case APP_FILE -> files.isLoaded(APP, match.param());
            case DOCS_FILE -> match.param().isEmpty() || files.isLoaded(DOCS, match.param())
                    || (swaggerUi != null && WEBJAR_FILES.contains(match.param()) && files.isLoaded(webjar(), match.param()));
            default -> false;
        };
    }

    /** Serves a GET or HEAD of one of the file routes. */
    public void serve(ApiExchange exchange, Router.Match match) throws IOException {
        switch (match.route()) {
            case OPENAPI -> send(exchange, found(OWN, "openapi.json", exchange), NO_CACHE, null);
            case DOCS -> send(exchange, docsPage(), NO_CACHE, DOCS_POLICY);
            case DOCS_FILE -> docsFile(exchange, match.param());
            case APP -> redirect(exchange, "/app/");
            case APP_PAGE -> send(exchange, found(APP, "index.html", exchange), NO_CACHE, APP_POLICY);
            case APP_FILE -> send(exchange, found(APP, match.param(), exchange), NO_CACHE, null);
            default -> throw new IllegalArgumentException("not a file route: " + match.route());
        }
    }

    private void docsFile(ApiExchange exchange, String name) throws IOException {
        if (name.isEmpty()) {
            redirect(exchange, "/docs"); // the page's relative links need it at /docs, not /docs/
            return;
        }
        StaticFiles.Asset own = files.find(DOCS, name);
        if (own != null) {
            send(exchange, own, NO_CACHE, null);
            return;
        }
        if (swaggerUi == null) {
            throw noSwaggerUi();
        }
        if (!WEBJAR_FILES.contains(name)) {
            throw new HttpProblemException(404, null, "no such resource: " + exchange.path());
        }
        boolean versioned = ("v=" + swaggerUi).equals(exchange.rawQuery());
        send(exchange, found(webjar(), name, exchange), versioned ? IMMUTABLE : NO_CACHE, null);
    }

    private StaticFiles.Asset docsPage() {
        if (docsPage == null) {
            throw noSwaggerUi();
        }
        return docsPage;
    }

    private static HttpProblemException noSwaggerUi() {
        return new HttpProblemException(404, null, "the API docs need Swagger UI (org.webjars:swagger-ui) on the class path");
    }

    private String webjar() {
        return WEBJAR + swaggerUi + "/";
    }

    private StaticFiles.Asset found(String folder, String name, ApiExchange exchange) {
        StaticFiles.Asset asset = files.find(folder, name);
        if (asset == null) {
            throw new HttpProblemException(404, null, "no such resource: " + exchange.path());
        }
        return asset;
    }

    private static void send(ApiExchange exchange, StaticFiles.Asset asset, String cacheControl, String policy) throws IOException {
        exchange.header("ETag", asset.etag());
        exchange.header("Cache-Control", cacheControl);
        if (asset.gzip() != null) {
            exchange.header("Vary", "Accept-Encoding");
        }
        if (policy != null || asset.mediaType().startsWith("text/html")) {
            exchange.header("Content-Security-Policy", policy != null ? policy : APP_POLICY); // every page gets one
        }
        if (matches(exchange.requestHeader("If-None-Match"), asset.etag())) {
            exchange.respond(304, null, EMPTY);
        } else if (asset.gzip() != null && acceptsGzip(exchange.requestHeader("Accept-Encoding"))) {
            exchange.header("Content-Encoding", "gzip");
            exchange.respond(200, asset.mediaType(), asset.gzip());
        } else {
            exchange.respond(200, asset.mediaType(), asset.body());
        }
    }

    private static void redirect(ApiExchange exchange, String path) throws IOException {
        String query = exchange.rawQuery();
        exchange.header("Location", exchange.basePath() + path + (query == null ? "" : "?" + query));
        exchange.respond(301, null, EMPTY);
    }

    /** If-None-Match compares weakly: {@code W/"x"} and {@code "x"} are the same tag. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String opaque = etag.substring(2);
        for (String tag : ifNoneMatch.split(",")) {
            String trimmed = tag.trim();
            if (trimmed.equals("*") || (trimmed.startsWith("W/") ? trimmed.substring(2) : trimmed).equals(opaque)) {
                return true;
            }
        }
        return false;
    }

    /** True unless the client leaves gzip out or refuses it with {@code q=0}. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.toLowerCase(Locale.ROOT).split(",")) {
            String[] parts = coding.split(";");
            if (parts[0].trim().equals("gzip")) {
                return !(parts.length > 1 && parts[1].replace(" ", "").matches("q=0(\\.0*)?"));
            }
        }
        return false;
    }

    private static String swaggerUiVersion(StaticFiles files) {
        String pom = files.text(WEBJAR_POM);
        if (pom == null) {
            return null;
        }
        Properties properties = new Properties();
        try {
            properties.load(new java.io.StringReader(pom));
        } catch (IOException impossible) {
            return null;
        }
        String version = properties.getProperty("version");
        return version != null && version.matches("[0-9A-Za-z.-]+") ? version : null;
    }
}
