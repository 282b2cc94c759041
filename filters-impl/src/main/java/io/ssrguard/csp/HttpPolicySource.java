package io.ssrguard.csp;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The policy from an HTTP endpoint, typically a headless CMS: the body as plain
 * text, or one field of a JSON body. Several policies by path come as a
 * {@link PolicyDocument} (plain text or the JSON string), or as a JSON object
 * {@code {"default": "…", "/embed/*": "…"}} at the field. Conditional requests ({@code ETag} →
 * {@code If-None-Match}, 304) make an unchanged policy cheap to refresh.
 *
 * <p>Waiting is bounded twice: the client's connect timeout and the request's
 * response timeout, plus a hard deadline of both together around the whole
 * exchange including the body, because the JDK's request timeout stops at the
 * response headers and a CMS that stalls mid-body would otherwise hold the
 * refresh thread forever. Bodies are capped in size.
 */
public final class HttpPolicySource implements PolicySource {

    /** In a JSON object of policies, the key of the policy for every path without one of its own. */
    static final String DEFAULT_KEY = "default";

    private final URI url;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Optional<String> jsonField;
    private final Map<String, String> headers;
    private final int maxBytes;
    private final HttpClient client;
    /** The URL without user info, query or fragment, for messages: a token there must not reach the log. */
    private final String display;

    /**
     * @param url            where the policy is
     * @param connectTimeout bound on connecting
     * @param readTimeout    bound on waiting for the response
     * @param jsonField      when present the body is JSON and the policy is this field (dots walk nested objects)
     * @param headers        sent with every request, for example an API token; never logged
     * @param maxBytes       larger bodies are refused
     */
    public HttpPolicySource(URI url, Duration connectTimeout, Duration readTimeout, Optional<String> jsonField,
                            Map<String, String> headers, int maxBytes) {
        this.url = url;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.jsonField = jsonField;
        this.headers = Map.copyOf(headers);
        this.maxBytes = maxBytes;
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                // No redirects: the API token must not follow a redirect to another host; a 3xx
                // is reported with its status so that the operator fixes the configured URL.
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.display = url.getScheme() + "://" + url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    @Override
    public PolicyFetch fetch(String knownVersion) throws PolicySourceException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .GET()
                .timeout(readTimeout)
                .header("Accept", jsonField.isPresent() ? "application/json" : "text/plain, */*;q=0.5");
        headers.forEach(request::header);
        if (knownVersion != null) {
            request.header("If-None-Match", knownVersion);
        }
        HttpResponse<byte[]> response = send(request.build());
        int status = response.statusCode();
        if (status == 304 && knownVersion != null) {
            return PolicyFetch.notModified();
        }
        if (status != 200) {
            throw new PolicySourceException(display + " answered HTTP " + status);
        }
        String body = new String(response.body(), StandardCharsets.UTF_8);
        String etag = response.headers().firstValue("ETag").orElse(null);
        if (jsonField.isEmpty()) {
            return PolicyDocument.parse(body, etag);
        }
        Object value = field(body, jsonField.get());
        return value instanceof Map<?, ?> byPath ? byPath(byPath, jsonField.get(), etag)
                : PolicyDocument.parse((String) value, etag);
    }

    /**
     * A JSON object of policies: {@code "default"} for every path, and path patterns
     * ({@code "/embed/*"}) for their own, each a string.
     */
    private static PolicyFetch byPath(Map<?, ?> object, String path, String etag) throws PolicySourceException {
        Map<String, String> paths = new LinkedHashMap<>();
        String defaultPolicy = null;
        for (Map.Entry<?, ?> e : object.entrySet()) {
            if (!(e.getValue() instanceof String policy)) {
                throw new PolicySourceException("the JSON field '" + path + "' holds a policy that is not a string");
            }
            if (DEFAULT_KEY.equals(e.getKey())) {
                defaultPolicy = policy;
            } else {
                paths.put(String.valueOf(e.getKey()), policy);
            }
        }
        if (defaultPolicy == null) {
            throw new PolicySourceException("the JSON field '" + path + "' has no \"" + DEFAULT_KEY
                    + "\" policy for every other path");
        }
        return PolicyFetch.loaded(defaultPolicy, paths, etag);
    }

    private HttpResponse<byte[]> send(HttpRequest request) throws PolicySourceException {
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request,
                info -> info.statusCode() == 200
                        ? new BoundedBodySubscriber(maxBytes)
                        : HttpResponse.BodySubscribers.replacing(new byte[0]));
        Duration deadline = connectTimeout.plus(readTimeout);
        try {
            return exchange.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new PolicySourceException(display + " did not answer within " + deadline.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new PolicySourceException(display + " failed: " + cause, cause);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new PolicySourceException(display + ": interrupted", e);
        }
    }

    /** The string or object at a dotted path ({@code data.attributes.csp}) of a JSON object. */
    static Object field(String json, String path) throws PolicySourceException {
        Object node;
        try {
            node = JSONObjectUtils.parse(json);
        } catch (ParseException e) {
            throw new PolicySourceException("the response is not a JSON object: " + e.getMessage(), e);
        }
        for (String name : path.split("\\.")) {
            if (!(node instanceof Map<?, ?> object) || !object.containsKey(name)) {
                throw new PolicySourceException("the JSON response has no field '" + path + "'");
            }
            node = object.get(name);
        }
        if (!(node instanceof String) && !(node instanceof Map<?, ?>)) {
            throw new PolicySourceException("the JSON field '" + path + "' is not a string (a policy) nor an object of policies");
        }
        return node;
    }

    @Override
    public String description() {
        return "http " + display;
    }
}
