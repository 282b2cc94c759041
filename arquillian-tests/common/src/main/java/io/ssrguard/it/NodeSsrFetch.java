package io.ssrguard.it;

import com.caoccao.javet.exceptions.JavetException;
import com.caoccao.javet.values.reference.V8ValueFunction;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The SSR server's side of a page render: runs docs/csrf.md's {@code backendFetch}
 * ({@code filters-impl/src/test/node/ssr-fetch.mjs}, named by the system property
 * {@code it.nodeSsrFetch}) on {@link EmbeddedNode}, with an h3-shaped event that
 * carries the browser's {@code Cookie} and {@code User-Agent}, against the deployed
 * application, and returns what the snippet handed back to the browser.
 */
final class NodeSsrFetch {

    /** An h3 event in miniature: the browser's request headers in, the response's Set-Cookie headers out. */
    private static final String HARNESS = """
            globalThis.ssrRender = async (backendFetch, origin, path, cookie, userAgent) => {
              const handedBack = [];
              const event = { node: {
                req: { headers: { cookie, 'user-agent': userAgent } },
                res: { appendHeader(name, value) {
                  if (name.toLowerCase() !== 'set-cookie') throw new Error('unexpected header ' + name);
                  handedBack.push(value);
                } },
              } };
              const response = await backendFetch(event, origin, path);
              await response.arrayBuffer();
              return [String(response.status), ...handedBack].join('\\n');
            };
            """;
    private static boolean defined;

    /** What a page render did: the backend's status and the Set-Cookie headers the browser receives. */
    record Render(int backendStatus, List<String> setCookies) {
    }

    private NodeSsrFetch() {
    }

    /** Renders a page for {@code browser}: one backend call to {@code path}, the browser's session forwarded. */
    static Render render(URI backend, String path, HttpSession browser) {
        synchronized (EmbeddedNode.class) {
            try {
                if (!defined) {
                    EmbeddedNode.define(HARNESS);
                    defined = true;
                }
                try (V8ValueFunction backendFetch = EmbeddedNode.module("it.nodeSsrFetch").get("backendFetch")) {
                    String[] lines = EmbeddedNode.await("ssrRender", Duration.ofSeconds(30), backendFetch,
                            backend.toString(), path, browser.cookieHeader(), browser.userAgent()).split("\n");
                    return new Render(Integer.parseInt(lines[0]), List.copyOf(Arrays.asList(lines).subList(1, lines.length)));
                }
            } catch (JavetException e) {
                throw new IllegalStateException("the Node.js backendFetch failed: " + e.getMessage(), e);
            }
        }
    }
}
