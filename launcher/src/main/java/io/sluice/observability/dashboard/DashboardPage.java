package io.sluice.observability.dashboard;

import io.sluice.ingress.http.RouteContributor;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * {@code GET /dashboard}: a plain HTML, CSS and JavaScript page served from the jar (no build step).
 * The page holds no data: it asks for the admin key and reads the admin API with it, so without
 * an admin key it shows nothing but the sign-in form.
 */
public final class DashboardPage implements RouteContributor {

    private static final String BASE = "io/sluice/observability/dashboard/";
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "style.css", "text/css; charset=utf-8");

    private final Map<String, Buffer> content;

    public DashboardPage() {
        this.content = Map.of("index.html", load("index.html"), "app.js", load("app.js"), "style.css",
                load("style.css"));
    }

    @Override
    public void mount(Router router, Vertx vertx) {
        router.get("/dashboard").handler(ctx -> serve(ctx, "index.html"));
        router.get("/dashboard/").handler(ctx -> serve(ctx, "index.html"));
        router.get("/dashboard/:file").handler(ctx -> serve(ctx, ctx.pathParam("file")));
    }

    private void serve(RoutingContext ctx, String file) {
        Buffer body = content.get(file);
        if (body == null) {
            ctx.next();
            return;
        }
        ctx.response()
                .putHeader("Content-Type", FILES.get(file))
                .putHeader("Cache-Control", "no-store")
                .putHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .end(body);
    }

    private static Buffer load(String file) {
        try (InputStream in = DashboardPage.class.getClassLoader().getResourceAsStream(BASE + file)) {
            if (in == null) {
                throw new IllegalStateException("dashboard file " + file + " is missing from the jar");
            }
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
