package newsroom.local;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newsroom.domain.Scope;

/**
 * The desk's sign-in on the local stack, where there is no Cognito: pick a name and roles and get
 * a dev token (signed with the key the local API trusts), handed back to the desk in the URL's
 * fragment. Marked as local on every line: it checks no password and must never exist in AWS.
 */
final class LocalSignIn {
    static final Duration LIFETIME = Duration.ofHours(8);
    private static final int MAX_NAME = 100;

    private LocalSignIn() {
    }

    static LocalHttp.Reply handle(LocalHttp.Exchange exchange, LocalTokens tokens, String siteOrigin) {
        String desk = siteOrigin == null ? null : siteOrigin + "/desk/";
        if (exchange.method().equals("GET")) {
            return page(200, desk, null);
        }
        if (!exchange.method().equals("POST")) {
            return LocalHttp.Reply.of(405, "text/plain; charset=utf-8", "GET the form, POST it\n").with("Allow", "GET, POST");
        }
        Map<String, List<String>> form = form(new String(exchange.body(), StandardCharsets.UTF_8));
        String name = first(form, "name").strip();
        List<String> scopes = new ArrayList<>();
        for (String role : form.getOrDefault("role", List.of())) {
            Scope.fromValue(role).ifPresent(scope -> scopes.add(scope.value()));
        }
        if (name.isEmpty() || name.length() > MAX_NAME || !name.matches("[\\p{L}\\p{N} .@'_-]+")) {
            return page(400, desk, "Give a name of up to " + MAX_NAME + " letters, digits, spaces, dots, @, ' or -.");
        }
        if (scopes.isEmpty()) {
            return page(400, desk, "Pick at least one role.");
        }
        if (desk == null) {
            return page(503, null, "The local site is not running yet.");
        }
        String token = tokens.issue(name, scopes, Instant.now(), LIFETIME, LocalTokens.AUDIENCE);
        return LocalHttp.Reply.of(303, "text/plain; charset=utf-8", "Signed in\n")
                .with("Location", desk + "#local-token=" + token)
                .with("Cache-Control", "no-store");
    }

    private static LocalHttp.Reply page(int status, String desk, String error) {
        StringBuilder roles = new StringBuilder();
        Map<Scope, String> labels = new LinkedHashMap<>();
        labels.put(Scope.EDITOR, "Editor: write drafts, attach files, preview");
        labels.put(Scope.PUBLISHER, "Publisher: publish, schedule, approve, correct, withdraw");
        labels.put(Scope.CONTACTS, "Contact manager: the media list and its imports");
        labels.forEach((scope, label) -> roles.append("<div class=\"role\"><input type=\"checkbox\" name=\"role\" id=\"role-")
                .append(scope.group()).append("\" value=\"").append(scope.value()).append("\" checked>")
                .append("<label for=\"role-").append(scope.group()).append("\">").append(label).append("</label></div>\n"));
        String html = """
                <!doctype html>
                <html lang="en-GB">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta name="robots" content="noindex">
                <link rel="icon" href="data:,">
                <title>Local sign-in (development only) - Newsroom desk</title>
                <style>
                body { font: 1.1rem/1.5 system-ui, sans-serif; margin: 0; color: #0b0c0c; }
                .local { background: #ffdd00; padding: .75rem 1rem; font-weight: 700; border-bottom: 4px solid #0b0c0c; }
                main { max-width: 36rem; margin: 1.5rem auto; padding: 0 1rem; }
                label { display: inline-block; margin: .25rem 0; }
                input[type=text] { font: inherit; width: 100%%; box-sizing: border-box; padding: .5rem; border: 2px solid #0b0c0c; }
                .role { display: flex; gap: .5rem; align-items: center; min-height: 2.75rem; }
                .role input { width: 1.5rem; height: 1.5rem; }
                button { font: inherit; font-weight: 700; padding: .6rem 1.2rem; margin-top: 1rem; background: #00703c; color: #fff; border: 0; box-shadow: 0 2px 0 #002d18; cursor: pointer; }
                :focus-visible { outline: 3px solid #ffdd00; box-shadow: 0 0 0 6px #0b0c0c; }
                .error { color: #d4351c; font-weight: 700; border-left: 5px solid #d4351c; padding-left: .75rem; }
                </style>
                </head>
                <body>
                <p class="local" role="note">LOCAL STACK: development sign-in. No password is checked; this page does not exist in AWS.</p>
                <main>
                <h1>Sign in to the desk (local)</h1>
                %s
                <form method="post" action="/_local/sign-in">
                <p><label for="name">Your name</label><br><input type="text" id="name" name="name" required maxlength="100" autocomplete="name" value="press.officer@example.gov.uk"></p>
                <fieldset><legend>Roles</legend>
                %s</fieldset>
                <button type="submit">Sign in to the local desk</button>
                </form>
                %s
                </main>
                </body>
                </html>
                """.formatted(error == null ? "" : "<p class=\"error\" role=\"alert\">" + escape(error) + "</p>",
                roles, desk == null ? "" : "<p><a href=\"" + escape(desk) + "\">Back to the desk</a></p>");
        return LocalHttp.Reply.of(status, "text/html; charset=utf-8", html).with("Cache-Control", "no-store")
                .with("X-Robots-Tag", "noindex");
    }

    private static Map<String, List<String>> form(String body) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            try {
                form.computeIfAbsent(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), k -> new ArrayList<>())
                        .add(kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            } catch (IllegalArgumentException malformed) {
                // A malformed pair is left out; the checks above then say what is missing.
            }
        }
        return form;
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
