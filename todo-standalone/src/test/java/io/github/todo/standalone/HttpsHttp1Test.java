package io.github.todo.standalone;

import java.net.http.HttpClient;

/** The contract over HTTPS with HTTP/1.1. */
class HttpsHttp1Test extends HttpsContract {

    @Override
    HttpClient.Version version() {
        return HttpClient.Version.HTTP_1_1;
    }
}
