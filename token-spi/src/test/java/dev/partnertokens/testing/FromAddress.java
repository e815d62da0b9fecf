package dev.partnertokens.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small HTTP/1.1 client whose requests leave from a chosen local address, for tests of source-address rules: the
 * JDK's {@code HttpClient} cannot bind its sockets. On Linux every address of 127.0.0.0/8 is local, so a request from
 * {@code 127.0.0.2} to a server on {@code 127.0.0.1} reaches it with {@code 127.0.0.2} as its peer.
 *
 * <p>One request per connection ({@code Connection: close}); the answer is read to the end, chunked or not.
 */
public final class FromAddress {

    private final String localAddress;

    private FromAddress(String localAddress) {
        this.localAddress = localAddress;
    }

    /** Requests that leave from {@code localAddress}, for example {@code 127.0.0.2}. */
    public static FromAddress of(String localAddress) {
        return new FromAddress(localAddress);
    }

    /** A POST with a body of {@code contentType}; {@code headers} are name/value pairs. */
    public Answer post(URI uri, String contentType, String body, String... headers) {
        return send("POST", uri, contentType, body, headers);
    }

    public Answer get(URI uri, String... headers) {
        return send("GET", uri, null, null, headers);
    }

    public Answer send(String method, URI uri, String contentType, String body, String... headers) {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        StringBuilder head = new StringBuilder()
                .append(method).append(' ').append(uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getHost()).append(':').append(port).append("\r\n")
                .append("Connection: close\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Length: ").append(content.length).append("\r\n");
        }
        for (int i = 0; i < headers.length; i += 2) {
            head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            socket.connect(new InetSocketAddress(uri.getHost(), port), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            return Answer.read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An answer as it came: status, headers (names lower-cased, in order), body.
     */
    public record Answer(int status, Map<String, List<String>> headers, String body) {

        /** The first value of a header, or {@code null}. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        /** Every header but those that differ from one answer to the next by nature ({@code Date}). */
        public Map<String, List<String>> stableHeaders() {
            Map<String, List<String>> stable = new TreeMap<>(headers);
            stable.remove("date");
            return stable;
        }

        static Answer read(InputStream in) throws IOException {
            byte[] all = in.readAllBytes();
            int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            if (end < 0) {
                throw new IOException("No complete HTTP answer: " + new String(all, StandardCharsets.ISO_8859_1));
            }
            String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
            byte[] rest = java.util.Arrays.copyOfRange(all, end + 4, all.length);
            List<String> encoding = headers.get("transfer-encoding");
            byte[] body = encoding != null && encoding.contains("chunked") ? dechunked(rest) : rest;
            return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
        }

        private static byte[] dechunked(byte[] chunked) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            int at = 0;
            while (at < chunked.length) {
                int lineEnd = indexOf(java.util.Arrays.copyOfRange(chunked, at, chunked.length), new byte[] {'\r', '\n'});
                String sizeText = new String(chunked, at, lineEnd, StandardCharsets.ISO_8859_1).split(";")[0].trim();
                int size = Integer.parseInt(sizeText, 16);
                at += lineEnd + 2;
                if (size == 0) {
                    break;
                }
                body.write(chunked, at, size);
                at += size + 2;
            }
            return body.toByteArray();
        }

        private static int indexOf(byte[] haystack, byte[] needle) {
            outer:
            for (int i = 0; i <= haystack.length - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (haystack[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
