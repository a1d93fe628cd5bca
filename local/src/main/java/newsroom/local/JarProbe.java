package newsroom.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Plays the Lambda Java runtime in a fresh JVM whose class path is only a function's deployable
 * jar, this class and the runtime's own serialization library: load the handler class, construct
 * it (the init phase), read each event the way the runtime does, invoke, write the response.
 * Arguments: the handler class, then one or more event files, then optionally {@code prime}.
 * It prints its phase times for the first event (the cold start, which the benchmark also times
 * as a whole) and a line per event: {@code RESPONSE} and the response, or {@code ERROR} and what
 * the handler threw (its stack trace to standard error), as Lambda would fail that invocation.
 * With {@code prime}, it calls the handler's CRaC {@code beforeCheckpoint} hook after
 * construction, as Lambda does before taking a SnapStart snapshot; the invoke that follows is
 * then what a cold start restored from that snapshot would still pay.
 * It uses nothing from the rest of the project, so it can run beside any jar: the cold-start
 * benchmark and {@code DeployableJarsIT} (every sample event through every shrunk jar) copy its
 * class file out.
 */
public final class JarProbe {
    private JarProbe() {
    }

    /**
     * Copies this class's file into {@code dir}, for a child JVM's class path that holds nothing
     * else of ours (the jar under test must not find our classes anywhere but in itself).
     */
    public static Path install(Path dir) throws IOException {
        Path target = dir.resolve(JarProbe.class.getName().replace('.', '/') + ".class");
        Files.createDirectories(target.getParent());
        try (InputStream in = JarProbe.class.getResourceAsStream("JarProbe.class")) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return dir;
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        String handlerName = args[0];
        boolean prime = args[args.length - 1].equals("prime");
        ClassLoader loader = JarProbe.class.getClassLoader();
        Class<?> handlerClass = Class.forName(handlerName, true, loader);
        Object handler = handlerClass.getDeclaredConstructor().newInstance();
        long constructed = System.nanoTime();
        if (prime) {
            // Lambda calls the hooks registered with CRaC's global context, which a JVM without CRaC
            // cannot run; the probe calls the handler's own hook, or that of the typed handler an
            // entry point wraps. Reflection: the hello-world jar has no CRaC classes, and the probe
            // must load beside it.
            for (Object primed : List.of(handler, wrapped(handler))) {
                for (var method : primed.getClass().getMethods()) {
                    if (method.getName().equals("beforeCheckpoint") && method.getParameterCount() == 1) {
                        method.invoke(primed, (Object) null);
                    }
                }
            }
        }
        long initialised = System.nanoTime();
        // A stream handler reads the event's bytes itself; a typed one gets them read by the runtime.
        Type[] types = handler instanceof RequestStreamHandler ? null : requestHandlerTypes(handlerClass);
        int events = prime ? args.length - 1 : args.length;
        for (int i = 1; i < events; i++) {
            String line;
            try {
                line = "RESPONSE " + invoke(handler, Path.of(args[i]), types, loader);
            } catch (Throwable e) {
                e.printStackTrace();
                line = "ERROR " + e;
            }
            if (i == 1) {
                long invoked = System.nanoTime();
                System.out.println("INIT_MS " + (constructed - start) / 1_000_000.0);
                System.out.println("PRIME_MS " + (initialised - constructed) / 1_000_000.0);
                System.out.println("INVOKE_MS " + (invoked - initialised) / 1_000_000.0);
            }
            System.out.println(line);
            System.out.flush();
        }
        // As Lambda freezes the process after the response, the benchmark stops the clock at it.
        System.exit(0);
    }

    /** The handler an entry point holds (its one field), or itself. */
    private static Object wrapped(Object handler) throws IllegalAccessException {
        var fields = handler.getClass().getDeclaredFields();
        if (handler instanceof RequestStreamHandler && fields.length == 1) {
            fields[0].setAccessible(true);
            return fields[0].get(handler);
        }
        return new Object();
    }

    private static String invoke(Object handler, Path eventFile, Type[] types, ClassLoader loader) throws IOException {
        if (handler instanceof RequestStreamHandler stream) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream in = Files.newInputStream(eventFile)) {
                stream.handleRequest(in, out, context(loader));
            }
            return out.toString(StandardCharsets.UTF_8);
        }
        Object event;
        try (InputStream in = Files.newInputStream(eventFile)) {
            event = serializer(types[0], loader).fromJson(in);
        }
        @SuppressWarnings("unchecked")
        Object response = ((RequestHandler<Object, Object>) handler).handleRequest(event, context(loader));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer(types[1], loader).toJson(response, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Type[] requestHandlerTypes(Class<?> handlerClass) {
        for (Type type : handlerClass.getGenericInterfaces()) {
            if (type instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
                return p.getActualTypeArguments();
            }
        }
        throw new IllegalArgumentException(handlerClass + " does not implement RequestHandler<I, O> directly");
    }

    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> serializer(Type type, ClassLoader loader) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (LambdaEventSerializers.isLambdaSupportedEvent(raw.getName())) {
            return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(raw, loader);
        }
        return JacksonFactory.getInstance().getSerializer(type);
    }

    private static Context context(ClassLoader loader) {
        return (Context) Proxy.newProxyInstance(loader, new Class<?>[] {Context.class}, (proxy, method, args) ->
                switch (method.getName()) {
                    case "getAwsRequestId" -> "cold-start-probe";
                    case "getFunctionName" -> "probe";
                    case "getRemainingTimeInMillis" -> 900_000;
                    case "getMemoryLimitInMB" -> 1024;
                    default -> null;
                });
    }
}
