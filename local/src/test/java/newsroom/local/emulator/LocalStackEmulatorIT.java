package newsroom.local.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import newsroom.local.LocalClients;
import newsroom.local.TemplateStack;
import org.junit.jupiter.api.Test;

/**
 * The Docker path: LocalStack in a container deploys the same template.yaml. Skipped, and reported
 * as skipped, where no Docker engine runs (as on the project's CI machine).
 * Needs: a Docker engine.
 */
class LocalStackEmulatorIT {

    @Test
    void provisionsTheStackInLocalStack() {
        assumeTrue(LocalStackEmulator.dockerAvailable(), "no Docker engine: the LocalStack path is skipped");
        try (LocalStackEmulator localStack = LocalStackEmulator.start(System.getenv().getOrDefault(
                LocalStackEmulator.IMAGE_VARIABLE, LocalStackEmulator.DEFAULT_IMAGE));
             LocalClients clients = LocalClients.forEndpoint(localStack.endpoint())) {
            TemplateStack.Deployed resources = TemplateStack.deploy(clients, TemplateStack.localParameters());
            assertEquals("ACTIVE", clients.dynamo().describeTable(d -> d.tableName(resources.tableName())).table()
                    .tableStatusAsString());
        }
    }
}
