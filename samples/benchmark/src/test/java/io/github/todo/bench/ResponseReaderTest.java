package io.github.todo.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseReaderTest {

    private static ResponseReader reader(String wire) {
        return new ResponseReader(new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static String body(ResponseReader reader, int expectedStatus) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        assertEquals(expectedStatus, reader.read(body));
        return body.toString(StandardCharsets.UTF_8);
    }

    @Test
    void responses_framed_by_length_chunks_and_no_body_follow_each_other_on_one_connection() throws IOException {
        ResponseReader reader = reader(""
                + "HTTP/1.1 200 OK\r\ncontent-length: 13\r\n\r\nHello, world!"
                + "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\n{\"id\r\n6\r\n\":1}  \r\n0\r\nX-Trailer: t\r\n\r\n"
                + "HTTP/1.1 204 No Content\r\n\r\n"
                + "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");

        assertEquals("Hello, world!", body(reader, 200));
        assertEquals("{\"id\":1}  ", body(reader, 200));
        assertEquals("", body(reader, 204));
        assertEquals(404, reader.read(null));
        assertFalse(reader.mustClose());
    }

    @Test
    void interim_100_continue_is_skipped() throws IOException {
        ResponseReader reader = reader("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\n{}");

        assertEquals("{}", body(reader, 201));
    }

    @Test
    void connection_close_http_1_0_and_unframed_bodies_end_the_connection() throws IOException {
        ResponseReader close = reader("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
        assertEquals(200, close.read(null));
        assertTrue(close.mustClose());

        ResponseReader old = reader("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n");
        assertEquals(200, old.read(null));
        assertTrue(old.mustClose());

        ResponseReader oldKeepAlive = reader("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n");
        assertEquals(200, oldKeepAlive.read(null));
        assertFalse(oldKeepAlive.mustClose());

        ResponseReader unframed = reader("HTTP/1.1 200 OK\r\n\r\nuntil the end");
        assertEquals("until the end", body(unframed, 200));
        assertTrue(unframed.mustClose());
    }

    @Test
    void a_cut_off_or_garbled_response_is_an_io_error() {
        assertThrows(EOFException.class, () -> reader("").read(null));
        assertThrows(EOFException.class, () -> reader("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort").read(null));
        assertThrows(EOFException.class, () -> reader("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab").read(null));
        assertThrows(IOException.class, () -> reader("SSH-2.0-OpenSSH\r\n\r\n").read(null));
        assertThrows(IOException.class, () -> reader("HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n").read(null));
    }
}
