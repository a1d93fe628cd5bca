package newsroom.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import newsroom.local.emulator.ProjectHome;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * template.yaml itself, deployed into the emulator's CloudFormation: the local stack is the AWS
 * stack, not a second description of it. Every name, ARN and URL the local runtime and the tests
 * use comes from the stack's outputs and resources. A deploy creates the stack, or updates it
 * when the template or a parameter changed; when nothing changed it is one call.
 *
 * <p>The functions' code is a placeholder: the emulator cannot run Java without Docker, and the
 * local runtime runs the functions in-process anyway. With {@code LocalEmulator=true} the template
 * creates the event source mappings and the schedule disabled, so the emulator never tries.
 */
public final class TemplateStack {
    public static final String NAME = "newsroom";
    /** The sender address the local stack verifies (CreateSenderIdentity) and sends from. */
    public static final String MAIL_FROM = "newsroom@press.example.gov.uk";
    /** Where the deploy puts the functions' code, as `sam deploy` uses its managed bucket. */
    static final String ARTIFACT_BUCKET = "newsroom-local-artifacts";
    static final String PLACEHOLDER_KEY = "placeholder-function.zip";
    private static final Duration DEPLOY_TIMEOUT = Duration.ofMinutes(5);
    private static final List<Capability> CAPABILITIES =
            List.of(Capability.CAPABILITY_IAM, Capability.CAPABILITY_AUTO_EXPAND);

    /** The deployed stack: its outputs, the parameters it was deployed with, and its resources. */
    public record Deployed(String stackName, Map<String, String> outputs, Map<String, String> parameters,
                           List<StackResourceSummary> resources) {
        public String tableName() {
            return output("TableName");
        }

        /** The table without a stream: the site's index and its render and search queues. */
        public String recordsTableName() {
            return output("RecordsTableName");
        }

        public String streamArn() {
            return output("TableStreamArn");
        }

        public String siteBucket() {
            return output("SiteBucketName");
        }

        public String uploadBucket() {
            return output("UploadBucketName");
        }

        public String mailQueueUrl() {
            return output("MailQueueUrl");
        }

        public String mailDlqUrl() {
            return output("MailDeadLetterQueueUrl");
        }

        public String distributionId() {
            return output("DistributionId");
        }

        /** Where a publish nudges the shared pages' renderer. */
        public String sharedPagesQueueUrl() {
            return output("SharedPagesQueueUrl");
        }

        /** Where a publish nudges the search index's writer. */
        public String searchIndexQueueUrl() {
            return output("SearchIndexQueueUrl");
        }

        /** Where the site functions put changed paths for the CDN invalidator. */
        public String invalidationQueueUrl() {
            return output("InvalidationQueueUrl");
        }

        /** The Secrets Manager secret holding the link-signing keys. */
        public String tokenSigningSecret() {
            return output("TokenSigningSecretArn");
        }

        public String mailFrom() {
            return parameters.get("MailFrom");
        }

        /** The physical id (for a function, its name) of a resource the template declares. */
        public String physicalId(String logicalId) {
            return resources.stream().filter(r -> r.logicalResourceId().equals(logicalId)).findFirst()
                    .map(StackResourceSummary::physicalResourceId)
                    .orElseThrow(() -> new IllegalStateException("the stack has no resource " + logicalId));
        }

        public String output(String key) {
            String value = outputs.get(key);
            if (value == null) {
                throw new IllegalStateException("the stack has no output " + key + "; outputs: " + outputs.keySet());
            }
            return value;
        }
    }

    private TemplateStack() {
    }

    /**
     * The parameters of a local stack: the emulator switch, a verified sender, a short mail queue
     * visibility, and local addresses. The local runtime replaces the addresses with its own.
     */
    /** Where the local stack's alerts go (to the emulator's mail list). */
    public static final String WEBHOOK_ALERTS = "webhook-alerts@press.example.gov.uk";

    public static Map<String, String> localParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("LocalEmulator", "true");
        parameters.put("JwtIssuer", LocalTokens.ISSUER);
        parameters.put("JwtAudience", LocalTokens.AUDIENCE);
        parameters.put("MailFrom", MAIL_FROM);
        parameters.put("CreateSenderIdentity", "true");
        parameters.put("PublicApiBaseUrl", "http://localhost:3000");
        parameters.put("SiteBaseUrl", "http://localhost:8080");
        // AWS: 180 s (six times the sender's timeout); short here, so that retries show quickly.
        parameters.put("MailQueueVisibilityTimeout", "10");
        // Locally, the press office's alerts (a webhook endpoint disabled) land in /_local/mail too.
        parameters.put("WebhookAlertTo", WEBHOOK_ALERTS);
        return parameters;
    }

    /** Deploys template.yaml with these parameters (creating or updating the stack) and reads it back. */
    public static Deployed deploy(LocalClients clients, Map<String, String> parameters) {
        return deploy(clients, NAME, parameters);
    }

    /** The same, as a stack of another name (a test's second stack beside the local one). */
    public static Deployed deploy(LocalClients clients, String name, Map<String, String> parameters) {
        uploadPlaceholderCode(clients);
        String templateUrl = uploadTemplate(clients, withPlaceholderCode(template()));
        List<Parameter> given = parameters.entrySet().stream()
                .map(e -> Parameter.builder().parameterKey(e.getKey()).parameterValue(e.getValue()).build()).toList();
        Stack existing = describe(clients, name);
        if (existing != null && (existing.stackStatus() == StackStatus.ROLLBACK_COMPLETE
                || existing.stackStatus() == StackStatus.CREATE_FAILED)) {
            clients.cloudFormation().deleteStack(d -> d.stackName(name));
            await(clients, name);
            existing = null;
        }
        if (existing == null) {
            clients.cloudFormation().createStack(c -> c.stackName(name).templateURL(templateUrl).parameters(given)
                    .capabilities(CAPABILITIES));
        } else {
            try {
                clients.cloudFormation().updateStack(u -> u.stackName(name).templateURL(templateUrl).parameters(given)
                        .capabilities(CAPABILITIES));
            } catch (CloudFormationException e) {
                if (e.getMessage() == null || !e.getMessage().contains("No updates are to be performed")) {
                    throw e;
                }
            }
        }
        Stack stack = await(clients, name);
        if (stack.stackStatus() != StackStatus.CREATE_COMPLETE && stack.stackStatus() != StackStatus.UPDATE_COMPLETE) {
            throw new IllegalStateException("template.yaml did not deploy into the emulator: " + stack.stackStatus()
                    + " " + stack.stackStatusReason() + failures(clients, name));
        }
        Map<String, String> outputs = new HashMap<>();
        for (Output output : stack.outputs()) {
            outputs.put(output.outputKey(), output.outputValue());
        }
        Map<String, String> deployedWith = new HashMap<>();
        stack.parameters().forEach(p -> deployedWith.put(p.parameterKey(), p.parameterValue()));
        List<StackResourceSummary> resources = clients.cloudFormation()
                .listStackResourcesPaginator(l -> l.stackName(name)).stackResourceSummaries().stream().toList();
        return new Deployed(name, Map.copyOf(outputs), Map.copyOf(deployedWith), resources);
    }

    /**
     * A function's environment as the stack configured it (GetFunctionConfiguration), so that a
     * variable the template forgets is missing locally too.
     */
    public static Map<String, String> environment(LocalClients clients, Deployed stack, String functionLogicalId) {
        var configuration = clients.lambda().getFunctionConfiguration(g -> g.functionName(
                stack.physicalId(functionLogicalId)));
        return configuration.environment() == null || configuration.environment().variables() == null
                ? Map.of() : Map.copyOf(configuration.environment().variables());
    }

    /** A function's handler class as the stack configured it (template.yaml's Handler, without its method). */
    public static String handlerClass(LocalClients clients, Deployed stack, String functionLogicalId) {
        String handler = clients.lambda().getFunctionConfiguration(g -> g.functionName(
                stack.physicalId(functionLogicalId))).handler();
        return handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
    }

    /** The project's template.yaml; outside the project, the copy this jar was built with. */
    static String template() {
        Path file = ProjectHome.find().resolve("template.yaml");
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file);
            }
            try (InputStream in = TemplateStack.class.getResourceAsStream("/template.yaml")) {
                if (in == null) {
                    throw new IllegalStateException("no template.yaml in " + file.getParent() + " nor in this jar");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every function's CodeUri (a jar path, which `sam package` would upload) points at the placeholder. */
    /**
     * Puts the template in the artifact bucket and answers its URL, as sam deploy does:
     * CloudFormation takes at most 51,200 bytes of template in the request itself, and 1 MB from S3.
     */
    private static String uploadTemplate(LocalClients clients, String body) {
        String key = "templates/template.yaml";
        clients.s3().putObject(p -> p.bucket(ARTIFACT_BUCKET).key(key).contentType("text/yaml"),
                software.amazon.awssdk.core.sync.RequestBody.fromString(body, java.nio.charset.StandardCharsets.UTF_8));
        String endpoint = clients.settings().endpoint().map(Object::toString)
                .orElseThrow(() -> new IllegalStateException("the local stack needs the emulator's endpoint"));
        return (endpoint.endsWith("/") ? endpoint : endpoint + "/") + ARTIFACT_BUCKET + "/" + key;
    }

    static String withPlaceholderCode(String template) {
        return template.replaceAll("(?m)^(\\s+CodeUri:\\s*)\\S+\\s*$",
                "$1s3://" + ARTIFACT_BUCKET + "/" + PLACEHOLDER_KEY);
    }

    private static void uploadPlaceholderCode(LocalClients clients) {
        if (clients.s3().listBuckets().buckets().stream().noneMatch(b -> b.name().equals(ARTIFACT_BUCKET))) {
            clients.s3().createBucket(b -> b.bucket(ARTIFACT_BUCKET));
        }
        try {
            clients.s3().headObject(h -> h.bucket(ARTIFACT_BUCKET).key(PLACEHOLDER_KEY));
        } catch (NoSuchKeyException missing) {
            clients.s3().putObject(p -> p.bucket(ARTIFACT_BUCKET).key(PLACEHOLDER_KEY),
                    RequestBody.fromBytes(placeholderZip()));
        }
    }

    private static byte[] placeholderZip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("README.txt"));
            zip.write("Locally the functions run in-process in the local runtime; this code is never run.\n"
                    .getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static Stack describe(LocalClients clients, String name) {
        try {
            List<Stack> stacks = clients.cloudFormation().describeStacks(d -> d.stackName(name)).stacks();
            return stacks.isEmpty() || stacks.get(0).stackStatus() == StackStatus.DELETE_COMPLETE ? null : stacks.get(0);
        } catch (CloudFormationException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not exist")) {
                return null;
            }
            throw e;
        }
    }

    private static Stack await(LocalClients clients, String name) {
        long deadline = System.nanoTime() + DEPLOY_TIMEOUT.toNanos();
        while (true) {
            Stack stack = describe(clients, name);
            if (stack == null) {
                return null;
            }
            if (!stack.stackStatusAsString().endsWith("IN_PROGRESS")) {
                return stack;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the stack is still " + stack.stackStatus() + " after " + DEPLOY_TIMEOUT);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while deploying the stack", e);
            }
        }
    }

    private static String failures(LocalClients clients, String name) {
        StringBuilder reasons = new StringBuilder();
        clients.cloudFormation().describeStackEvents(d -> d.stackName(name)).stackEvents().stream()
                .filter(e -> e.resourceStatusAsString().endsWith("FAILED"))
                .limit(10)
                .forEach(e -> reasons.append("\n  ").append(e.logicalResourceId()).append(": ")
                        .append(e.resourceStatusReason()));
        return reasons.toString();
    }
}
