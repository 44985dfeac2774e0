package io.github.todo.standalone;

import java.net.http.HttpClient;

/** The contract over HTTPS with HTTP/2, negotiated by ALPN. */
class HttpsHttp2Test extends HttpsContract {

    @Override
    HttpClient.Version version() {
        return HttpClient.Version.HTTP_2;
    }
}
