package newsroom.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import newsroom.domain.Scope;
import newsroom.local.emulator.Emulator;
import newsroom.local.emulator.Emulators;
import newsroom.local.emulator.ProjectHome;

/**
 * {@code java -jar local/target/newsroom-local.jar [run]} starts the stack;
 * {@code ... token SCOPE... [--subject NAME]} prints a dev token;
 * {@code ... rebuild} has the running stack rebuild the whole site;
 * {@code ... import-contacts FILE.csv} imports a media list, showing progress.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        String command = args.length == 0 ? "run" : args[0];
        switch (command) {
            case "run" -> run();
            case "token" -> token(List.of(args).subList(1, args.length));
            case "rebuild" -> rebuild();
            case "import-contacts" -> importContacts(List.of(args).subList(1, args.length));
            default -> {
                System.err.println("usage: newsroom-local [run] | token SCOPE... [--subject NAME] | rebuild"
                        + " | import-contacts FILE.csv [--api URL --token JWT]");
                System.exit(2);
            }
        }
    }

    private static LocalTokens projectTokens() {
        return LocalTokens.fromProjectKey(ProjectHome.stateDir().resolve("dev-signing-key.json"));
    }

    private static void token(List<String> args) {
        List<String> scopes = new ArrayList<>();
        String subject = "press-officer@example.gov.uk";
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--subject") && i + 1 < args.size()) {
                subject = args.get(++i);
            } else {
                scopes.add(args.get(i));
            }
        }
        if (scopes.isEmpty()) {
            System.err.println("name at least one scope: " + List.of(Scope.values()).stream().map(Scope::value).toList());
            System.exit(2);
        }
        for (String scope : scopes) {
            if (Scope.fromValue(scope).isEmpty()) {
                System.err.println("unknown scope " + scope + "; known: "
                        + List.of(Scope.values()).stream().map(Scope::value).toList());
                System.exit(2);
            }
        }
        System.out.println(projectTokens().issue(subject, scopes));
    }

    /** Asks the running local stack to rebuild the whole site, and prints its progress. */
    private static void rebuild() throws InterruptedException {
        int apiPort = port("NEWSROOM_API_PORT", 3000);
        try {
            var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + apiPort + "/_local/rebuild"))
                            // The project's dev key signs a token the running stack trusts.
                            .header("Authorization", "Bearer " + projectTokens().issue("local-cli",
                                    List.of(Scope.PUBLISHER.value())))
                            .POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            System.out.print(response.body());
            if (response.statusCode() != 200) {
                System.exit(1);
            }
        } catch (IOException e) {
            System.err.println("No local stack answers on port " + apiPort + ": start it first (" + e.getMessage() + ")");
            System.exit(1);
        }
    }

    private static void importContacts(List<String> args) throws InterruptedException {
        if (args.isEmpty()) {
            System.err.println("usage: import-contacts FILE.csv [--api URL --token JWT]");
            System.exit(2);
        }
        URI api = URI.create("http://localhost:" + port("NEWSROOM_API_PORT", 3000));
        String token = null;
        for (int i = 1; i + 1 < args.size(); i += 2) {
            if (args.get(i).equals("--api")) {
                api = URI.create(args.get(i + 1));
            } else if (args.get(i).equals("--token")) {
                token = args.get(i + 1);
            }
        }
        if (token == null) {
            token = projectTokens().issue("contact-import", List.of(Scope.CONTACTS.value()));
        }
        try {
            System.exit(ContactImportCommand.run(Path.of(args.get(0)), api, token));
        } catch (IOException e) {
            System.err.println("Cannot import: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void run() throws InterruptedException {
        int apiPort = port("NEWSROOM_API_PORT", 3000);
        int sitePort = port("NEWSROOM_SITE_PORT", 8080);
        System.out.println("Starting the AWS emulator...");
        Emulator emulator = Emulators.start();
        LocalRuntime runtime;
        try {
            LocalRuntime.Options options = LocalRuntime.Options.defaults().withPorts(apiPort, sitePort);
            String sendRate = System.getenv("NEWSROOM_MAX_SEND_RATE");
            if (sendRate != null && !sendRate.isBlank()) {
                options = options.withMaxSendRate(positive("NEWSROOM_MAX_SEND_RATE", sendRate));
            }
            runtime = LocalRuntime.start(emulator, options, projectTokens());
        } catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping...");
            runtime.close();
            emulator.close();
            stopped.countDown();
        }));
        System.out.printf("""
                Newsroom is running (AWS: %s)
                  API:   %s   (routes as in template.yaml)
                  Site:  %s/news/
                  Mail:  %s/_local/mail?key=%s
                  Stack: template.yaml, deployed as stack "%s":
                         aws cloudformation describe-stacks --stack-name %s --endpoint-url %s
                A token: java -jar local/target/newsroom-local.jar token newsroom/publisher
                Ctrl-C stops everything.
                """, emulator.description(), runtime.apiUrl(), runtime.siteUrl(), runtime.apiUrl(), runtime.localKey(),
                TemplateStack.NAME, TemplateStack.NAME, emulator.endpoint());
        stopped.await();
    }

    private static double positive(String variable, String value) {
        try {
            double rate = Double.parseDouble(value.trim());
            if (rate > 0 && Double.isFinite(rate)) {
                return rate;
            }
        } catch (NumberFormatException e) {
            // Said below.
        }
        System.err.println(variable + " must be a positive number (emails a second), not " + value);
        System.exit(2);
        return 0;
    }

    private static int port(String variable, int fallback) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            System.err.println(variable + " must be a port number, not " + value);
            System.exit(2);
            return fallback;
        }
    }
}
