package newsroom.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import newsroom.domain.Release;
import org.junit.jupiter.api.Test;

/**
 * Keeps the benchmark harness working: a tiny run of every benchmark, checking that each produced
 * its figures (never what they are: timings are for bench/RESULTS.md, not for tests).
 * Needs: the AWS emulator (started by the harness) and Hugo (.ci/run installs it).
 */
class BenchSmokeIT {

    @Test
    void theCorpusIsDeterministicAndVaried() {
        List<Release> a = Corpus.generate(200, 1);
        List<Release> b = Corpus.generate(200, 1);
        assertEquals(a, b, "the same seed gives the same corpus");
        assertTrue(a.stream().map(Release::category).distinct().count() >= 10, "many of the 12 categories");
        assertTrue(a.stream().anyMatch(r -> r.body().contains("> ")), "quotes");
        assertTrue(a.stream().anyMatch(r -> r.body().contains("\n- ")), "lists");
        assertTrue(a.stream().map(r -> r.publishedAt().toString().substring(0, 4)).distinct().count() >= 8,
                "dates over the years");
    }

    @Test
    void everyBenchmarkProducesItsFigures() throws Exception {
        Path output = Path.of("target", "SMOKE.md");
        Bench.run(Bench.Sizes.SMOKE, output, true, Set.of(1, 2, 3, 4, 5, 7));
        String results = Files.readString(output);
        assertTrue(results.contains("## 1. Full rebuild against Hugo"));
        assertTrue(results.matches("(?s).*\\| Newsroom \\(\\d+ threads\\) \\| (RAM|disk) \\| \\d+ \\| \\d+ ms \\| \\d+ \\|.*"), results);
        assertTrue(results.matches("(?s).*\\| Hugo v[^|]+ \\| (RAM|disk) \\| \\d+ \\| \\d+ ms \\| \\d+ \\|.*"), results);
        assertTrue(results.matches("(?s).*\\| 600 \\| [\\d,]+ \\| [\\d,]+ ms \\| \\d+ \\| [\\d,]+ MB \\| [\\d,]+ MB \\| [\\d,]+ MB \\|.*"),
                "the large rebuild's time and memory: " + results);
        assertTrue(results.contains("Same object count: yes."), "a publish writes the same objects whatever the archive");
        assertTrue(results.matches("(?s).*\\| page served \\| \\d+ ms \\| \\d+ ms \\|.*"), results);
        assertTrue(results.matches("(?s).*\\| 100/s \\| \\d+ \\| [\\d.]+ s \\| [\\d.]+ \\| \\d+% \\| 0 \\| 0 \\| \\d+ \\| \\d+ \\| [\\d.]+ \\|.*"),
                "every contact got the release once, and the senders' calls are counted: " + results);
        // The burst: every release page there in the end, and the fan-out sent to every contact.
        assertTrue(results.matches("(?s).*## 7\\. A burst of publishes.*\\| \\d+ \\| 0 \\| [\\d.]+/s \\| \\d+ ms \\| \\d+ ms "
                + "\\| [\\d.]+ s \\| 0 \\| " + Bench.Sizes.SMOKE.contacts() + " \\|.*"), results);
        for (String jar : List.of("hello-world \\(answers only\\)", "releases-api", "site-publisher", "media-notifier",
                "mail-sender", "embargo-sweeper", "site-rebuilder", "ses-feedback", "cdn-invalidator",
                "shared-pages \\(site-publisher jar\\)")) {
            // Each row exists only if that jar, started alone in a fresh JVM, answered its sample event correctly.
            assertTrue(results.matches("(?s).*\\| " + jar + " \\| [\\d.]+ MB \\| \\d+ ms \\| \\d+ ms \\| \\d+ ms \\|.*"),
                    jar + ": " + results);
        }
    }
}
