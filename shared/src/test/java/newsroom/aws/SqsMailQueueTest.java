package newsroom.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import newsroom.domain.DeliveryKind;
import newsroom.domain.MailJob;
import newsroom.json.Json;
import org.junit.jupiter.api.Test;

class SqsMailQueueTest {
    /** The notifier's messages, written without the object mapping, are the mapper's text, and read back whole. */
    @Test
    void aMessageOfJobsIsWhatTheMapperWrites() {
        List<MailJob> jobs = new ArrayList<>();
        for (DeliveryKind kind : DeliveryKind.values()) {
            jobs.add(new MailJob("r-" + kind, "c-\"quoted\"", kind, kind.ordinal()));
        }
        jobs.add(new MailJob(null, "c1", DeliveryKind.PUBLISHED));
        jobs.add(new MailJob("r1", null, DeliveryKind.UPDATED, 7));
        assertEquals(Json.write(jobs), SqsMailQueue.body(jobs));
        assertEquals(Json.write(jobs.get(0)), SqsMailQueue.body(jobs.subList(0, 1)));
        assertEquals(jobs, SqsMailQueue.jobsIn(SqsMailQueue.body(jobs)));
        assertEquals(jobs.subList(2, 3), SqsMailQueue.jobsIn(SqsMailQueue.body(jobs.subList(2, 3))));
    }

    /** What the mapper reads from a body, or null where it refuses it: what jobsIn must give. */
    private static List<MailJob> byTheMapper(String body) {
        try {
            String trimmed = body.strip();
            List<MailJob> jobs = trimmed.startsWith("[") ? java.util.Arrays.asList(Json.read(trimmed, MailJob[].class))
                    : java.util.Collections.singletonList(Json.read(trimmed, MailJob.class));
            return jobs.contains(null) ? null : List.copyOf(jobs);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The notifier's jobs are read without the object mapping, and every other body, hostile ones
     * included, is read (or refused) exactly as the mapper reads it.
     */
    @Test
    void jobsAreReadAsTheMapperReadsThem() {
        String plainOne = SqsMailQueue.body(List.of(new MailJob("r1", "c1", DeliveryKind.PUBLISHED, 3)));
        String plainMany = SqsMailQueue.body(List.of(new MailJob("r1", "c1", DeliveryKind.PUBLISHED),
                new MailJob("r2", "c2", DeliveryKind.UPDATED, 2)));
        org.junit.jupiter.api.Assertions.assertNotNull(SqsMailQueue.plainJobs(plainOne), "read without the mapper");
        org.junit.jupiter.api.Assertions.assertNotNull(SqsMailQueue.plainJobs(plainMany), "read without the mapper");
        String confirmation = Json.write(MailJob.confirmation(new newsroom.render.Email("to@example.com", "Subject",
                "<p>Html</p>", "Text", java.util.Map.of(), java.util.Map.of())));
        org.junit.jupiter.api.Assertions.assertNull(SqsMailQueue.plainJobs(confirmation), "an email: the mapper reads it");
        List<String> bodies = List.of(plainOne, plainMany, confirmation, "[]", "{}", " " + plainOne + "\n",
                "null", "", "[null]", "[{}, null]", "42", "\"text\"", "{\"kind\": \"published\"}",
                "{\"kind\": \"NOT_A_KIND\"}", "{\"releaseId\": 7}", "{\"releaseId\": null}",
                "{\"sequence\": \"2\"}", "{\"sequence\": 2.5}", "{\"sequence\": 99999999999}",
                "{\"sequence\": -1}", "{\"releaseId\": \"a\", \"releaseId\": \"b\"}", "{\"other\": \"x\"}",
                "{\"releaseId\": \"\\ud800\"}", "{\"releaseId\": \"a\\u0000b\"}", plainOne + " trailing",
                plainOne.substring(0, plainOne.length() - 2), "[" + plainOne + ",]", "[" + plainOne + "] []",
                "{\"email\": null, \"releaseId\": \"r\"}");
        for (String body : bodies) {
            List<MailJob> expected = byTheMapper(body);
            if (expected == null) {
                org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> SqsMailQueue.jobsIn(body),
                        body);
            } else {
                assertEquals(expected, SqsMailQueue.jobsIn(body), body);
            }
        }
    }
}
