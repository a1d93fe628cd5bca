package newsroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import newsroom.local.emulator.ProjectHome;
import newsroom.local.emulator.ProjectVenv;
import newsroom.local.support.LocalStack;
import newsroom.local.support.SharedEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A hostile client with the contract in hand: Schemathesis (from PyPI, into the project's venv)
 * generates requests from openapi.yaml, valid and invalid, with a fixed seed and a bounded number
 * of examples, against the local runtime; the run fails on any 5xx, or any status, content type
 * or body the spec does not describe.
 * Needs: the AWS emulator (started by the harness), and Python 3 with venv (for Schemathesis).
 */
class SpecFuzzIT {
    static final String SCHEMATHESIS = "schemathesis==4.32.5";
    private static LocalRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = LocalStack.start(SharedEmulator.fresh());
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void noGeneratedRequestGetsA5xxOrAnAnswerTheSpecDoesNotDescribe() throws IOException, InterruptedException {
        Path venv = ProjectVenv.ensure("schemathesis-4.32.5", List.of(SCHEMATHESIS));
        String token = runtime.tokens().issue("fuzzer@example.gov.uk",
                List.of("newsroom/editor", "newsroom/publisher", "newsroom/contacts"));
        Path spec = ProjectHome.find().resolve("functions/releases-api/src/main/resources/openapi.yaml");
        // As a module: the venv's entry-point scripts name the folder it was built in, not where it lies.
        Process run = new ProcessBuilder(venv.resolve("bin/python").toString(), "-m", "schemathesis.cli", "run",
                spec.toString(),
                "--url", runtime.apiUrl().toString(),
                "-H", "Authorization: Bearer " + token,
                "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,"
                        + "response_schema_conformance",
                "--phases", "coverage,fuzzing",
                "--max-examples", "10",
                "--seed", "1",
                // Nothing kept between runs: the same seed asks the same questions every time.
                "--generation-database", "none",
                "-w", "1",
                "--no-color")
                .directory(Files.createTempDirectory("schemathesis").toFile())
                .redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean finished = run.waitFor(10, TimeUnit.MINUTES);
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        System.out.println(String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size())));
        assertTrue(finished, "Schemathesis finished within ten minutes");
        assertEquals(0, run.exitValue(), output);
    }
}
