package newsroom.local.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Choosing the endpoint, and reading either emulator's mail list. Pure. */
class EmulatorsTest {

    @Test
    void anEndpointInTheEnvironmentWins() {
        Emulator emulator = Emulators.start(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:4566"));
        assertInstanceOf(ExternalEmulator.class, emulator);
        assertEquals(URI.create("http://127.0.0.1:4566"), emulator.endpoint());
    }

    @Test
    void readsMiniStacksMailList() throws Exception {
        String json = """
                {"messages": {"000000000000": [{"MessageId": "m1", "Source": "from@x.example",
                  "To": ["a@x.example"], "Subject": "S", "BodyText": "T", "BodyHtml": "<p>H</p>"}]}}""";
        assertEquals(List.of(new SentEmail("m1", "from@x.example", List.of("a@x.example"), "S", "<p>H</p>", "T")),
                SesMessages.parse(new ObjectMapper().readTree(json)));
    }

    @Test
    void readsLocalStacksMailList() throws Exception {
        String json = """
                {"messages": [{"Id": "m2", "Source": "from@x.example",
                  "Destination": {"ToAddresses": ["b@x.example"]}, "Subject": "S",
                  "Body": {"text_part": "T", "html_part": "<p>H</p>"}}]}""";
        assertEquals(List.of(new SentEmail("m2", "from@x.example", List.of("b@x.example"), "S", "<p>H</p>", "T")),
                SesMessages.parse(new ObjectMapper().readTree(json)));
    }
}
