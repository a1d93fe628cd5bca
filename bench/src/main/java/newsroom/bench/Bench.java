package newsroom.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import newsroom.domain.Release;
import newsroom.local.emulator.Emulator;
import newsroom.local.emulator.Emulators;
import newsroom.local.emulator.ProjectHome;

/**
 * {@code java -jar bench/target/newsroom-bench.jar} runs every benchmark on this machine and writes
 * bench/RESULTS.md; {@code --smoke} runs a tiny version (CI's, to keep the harness working) and
 * writes bench/target/SMOKE.md instead. Comparisons run side by side in the same run.
 */
public final class Bench {

    /** How big each benchmark is. */
    record Sizes(int corpus, List<Integer> archives, int publishes, int latencyPublishes,
                 int contacts, List<Double> rates, int coldStartRounds, int searchCorpus, int searchSmall,
                 int searchLarge, int burstClients, int burstSeconds, double burstRate, int largeRebuild) {
        static final Sizes FULL = new Sizes(10_000, List.of(1_000, 20_000, 100_000), 15, 100, 10_000, List.of(100.0, 500.0, 1000.0), 5,
                10_000, 1_000, 100_000, 50, 60, 100, 100_000);
        static final Sizes SMOKE = new Sizes(300, List.of(50, 200), 3, 5, 40, List.of(100.0), 1, 300, 50, 300, 4, 3, 40,
                600);
    }

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        boolean smoke = List.of(args).contains("--smoke");
        // --only=1,5 runs some benchmarks (while working on one) and writes bench/target/PARTIAL.md.
        Set<Integer> only = List.of(args).stream().filter(a -> a.startsWith("--only=")).findFirst()
                .map(a -> Arrays.stream(a.substring(7).split(",")).map(Integer::valueOf).collect(Collectors.toSet()))
                .orElse(Set.of(1, 2, 3, 4, 5, 6, 7));
        Path output = ProjectHome.find().resolve(smoke ? "bench/target/SMOKE.md"
                : only.size() < 7 ? "bench/target/PARTIAL.md" : "bench/RESULTS.md");
        boolean met = run(smoke ? Sizes.SMOKE : Sizes.FULL, output, smoke, only);
        // A smoke run checks that the harness works; its tiny figures say nothing about the targets.
        System.exit(smoke || met ? 0 : 1);
    }

    static boolean run(Sizes sizes, Path output, boolean smoke, Set<Integer> only) throws Exception {
        Path work = ProjectHome.find().resolve("bench/target/work");
        StringBuilder md = new StringBuilder("# Benchmark results\n\n");
        md.append("- Date: ").append(LocalDate.now()).append('\n')
                .append("- Machine: ").append(machine()).append('\n')
                .append("- Command: `mvn -B -q -DskipTests package && java -jar bench/target/newsroom-bench.jar`")
                .append(smoke ? " (this is the `--smoke` run: tiny sizes, figures meaningless)" : "").append("\n\n");
        boolean met = true;
        if (only.contains(1)) {
            met &= rebuild(md, sizes, work);
        }
        if (only.contains(2) || only.contains(3)) {
            try (Emulator emulator = Emulators.start()) {
                if (only.contains(2)) {
                    met &= publishCost(md, sizes, emulator);
                }
                if (only.contains(3)) {
                    met &= latency(md, sizes, emulator);
                }
            }
        }
        if (only.contains(4)) {
            try (Emulator emulator = Emulators.start()) {
                met &= fanOut(md, sizes, emulator);
            }
        }
        if (only.contains(5)) {
            System.out.println("5. Cold start of each function jar against hello-world, " + sizes.coldStartRounds()
                    + " rounds");
            try (Emulator emulator = Emulators.start()) {
                met &= coldStart(md, ColdStartBench.measure(emulator, ProjectHome.find(), work,
                        sizes.coldStartRounds()), sizes.coldStartRounds());
            }
        }
        if (only.contains(6)) {
            met &= search(md, sizes, work, smoke);
        }
        if (only.contains(7)) {
            try (Emulator emulator = Emulators.start()) {
                met &= burst(md, sizes, emulator);
            }
        }
        Files.createDirectories(output.getParent());
        Files.writeString(output, md.toString());
        System.out.println("Wrote " + output);
        return met;
    }

    /** 7. A burst of publishes while a fan-out runs: when is everything live? */
    private static boolean burst(StringBuilder md, Sizes sizes, Emulator emulator) throws Exception {
        System.out.println("7. A burst: " + sizes.burstClients() + " clients publishing " + sizes.burstRate()
                + " a second for " + sizes.burstSeconds() + " s while " + sizes.contacts() + " contacts are emailed");
        // -Dbench.burstSeconds=20 -Dbench.burstContacts=0: a shorter look while working on it.
        BurstBench.Result r = BurstBench.measure(emulator, sizes.burstClients(),
                Integer.getInteger("bench.burstSeconds", sizes.burstSeconds()), sizes.burstRate(),
                Integer.getInteger("bench.burstContacts", sizes.contacts()));
        boolean settled = r.settledMillis() >= 0 && r.settledMillis() <= 60_000;
        boolean fast = r.p99() >= 0 && r.p99() <= 5_000;
        md.append("## 7. A burst of publishes\n\n")
                .append("Through the local runtime (").append(emulator.description().replaceAll(" at .*", ""))
                .append(") as a press office in a crisis, in a runtime that has been publishing (500 releases ")
                .append("at 25 a second, then 10 s quiet, before the burst): ").append(r.clients())
                .append(" clients creating and ")
                .append("publishing (`\"publish\": true`), ").append((int) sizes.burstRate())
                .append(" a second between them, for ").append(r.seconds())
                .append(" s, while a release goes to ").append(r.contacts()).append(" contacts. A release's ")
                .append("page counts as served when it is in the site bucket (the month's release folders listed every 250 ms: a page is the first object written to its folder); after the burst, the latest ")
                .append("list, the site feed and the category page are read until they name the newest releases.\n\n")
                .append("| published | errors | rate | 201 → page p50 | p99 | all right after the burst | pages missing | fan-out emails sent |\n")
                .append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n")
                .append(String.format(Locale.UK, "| %d | %d | %.1f/s | %d ms | %d ms | %s | %d | %d |%n%n",
                        r.published(), r.errors(), r.rate(), r.p50(), r.p99(),
                        r.settledMillis() < 0 ? "not within 10 min" : String.format(Locale.UK, "%.1f s", r.settledMillis() / 1000.0),
                        r.pagesMissing(), r.emailsSent()))
                .append(String.format(Locale.UK, "Targets: everything right within 60 s of the burst: %s; p99 201 → page ≤ 5 s: %s.%n%n",
                        settled ? "met" : "**not met**", fast ? "met" : "**not met**"))
                .append(burstRequests(r));
        System.out.printf(Locale.UK, "   %d published (%.1f/s, %d errors), p50 %d ms, p99 %d ms, settled %d ms, %d missing%n",
                r.published(), r.rate(), r.errors(), r.p50(), r.p99(), r.settledMillis(), r.pagesMissing());
        return settled && fast;
    }

    /**
     * The emulator requests of the burst, a publish: every consumer shares the one emulator, so
     * this is what the pipeline's pace comes down to on any machine.
     */
    private static String burstRequests(BurstBench.Result r) {
        long total = r.requests().values().stream().mapToLong(Long::longValue).sum();
        double publishes = Math.max(1, r.published());
        StringBuilder line = new StringBuilder(String.format(Locale.UK,
                "Emulator requests from the burst's start until everything was right (the fan-out's included, "
                        + "the benchmark's watching of the bucket not): %d, **%.1f a publish**.",
                total, total / publishes));
        // The emulator's pace on this machine: when the pipeline is behind, it answers as fast as it can.
        double elapsed = r.seconds() + (r.settledMillis() >= 0 ? r.settledMillis() / 1000.0 : 600);
        double answered = total / elapsed;
        double asked = total / publishes * r.rate();
        line.append(String.format(Locale.UK, " It answered %.0f a second over those %.0f s, where the burst asked for"
                + " %.0f a second (that many a publish at %.1f publishes a second): when the first is the smaller, the"
                + " emulator set the pace.", answered, elapsed, asked, r.rate()));
        System.out.printf(Locale.UK, "   the emulator answered %.0f requests a second; the burst asked for %.0f%n",
                answered, asked);
        line.append(" The most, a publish:");
        r.requests().entrySet().stream().limit(8).forEach(e -> line.append(String.format(Locale.UK, " %s %.2f;",
                e.getKey(), e.getValue() / publishes)));
        line.setLength(line.length() - 1);
        long bytes = r.answerBytes().values().stream().mapToLong(Long::longValue).sum();
        line.append(String.format(Locale.UK,
                ". Its answers (the emulator spends much of its time writing them): %.1f kB a publish; the most:",
                bytes / publishes / 1024));
        r.answerBytes().entrySet().stream().limit(5).forEach(e -> line.append(String.format(Locale.UK, " %s %.1f kB;",
                e.getKey(), e.getValue() / publishes / 1024)));
        line.setLength(line.length() - 1);
        System.out.printf(Locale.UK, "   %.1f emulator requests a publish, %.1f kB answered%n", total / publishes,
                bytes / publishes / 1024);
        line.append(". The queries, by the partition they read, a publish:");
        r.queries().entrySet().stream().limit(8).forEach(e -> line.append(String.format(Locale.UK, " %s %.3f;",
                e.getKey().replace("|", "/"), e.getValue() / publishes)));
        line.setLength(line.length() - 1);
        long conditions = r.conditions().values().stream().mapToLong(Long::longValue).sum();
        line.append(String.format(Locale.UK, ". The conditions in transactions (the emulator parses and checks"
                + " each): %.2f a publish; by write and partition:", conditions / publishes));
        r.conditions().entrySet().stream().limit(8).forEach(e -> line.append(String.format(Locale.UK, " %s %.2f;",
                e.getKey(), e.getValue() / publishes)));
        line.setLength(line.length() - 1);
        System.out.printf(Locale.UK, "   %.2f conditions in transactions a publish%n", conditions / publishes);
        line.append(". The objects written, by kind, a publish:");
        r.puts().entrySet().stream().limit(8).forEach(e -> line.append(String.format(Locale.UK, " %s %.2f;",
                e.getKey(), e.getValue() / publishes)));
        line.setLength(line.length() - 1);
        line.append(".\n\n").append(streamCensus(r, publishes));
        return line.toString();
    }

    /** The table's stream a publish, by kind of item: every consumer reads all of it, whatever it keeps. */
    private static String streamCensus(BurstBench.Result r, double publishes) {
        long records = r.stream().values().stream().mapToLong(StreamCensus.Kind::records).sum();
        long bytes = r.stream().values().stream().mapToLong(StreamCensus.Kind::bytes).sum();
        StringBuilder line = new StringBuilder(String.format(Locale.UK,
                "The table's stream from the burst's start (every consumer reads all of it): %.1f records and %.2f kB"
                        + " of images a publish; by kind, a publish:", records / publishes, bytes / publishes / 1024));
        r.stream().entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().bytes(), a.getValue().bytes()))
                .forEach(e -> line.append(String.format(Locale.UK, " %s %.2f (%.2f kB);", e.getKey(),
                        e.getValue().records() / publishes, e.getValue().bytes() / publishes / 1024)));
        line.setLength(line.length() - 1);
        System.out.printf(Locale.UK, "   the stream: %.1f records, %.2f kB a publish%n", records / publishes,
                bytes / publishes / 1024);
        return line.append(".\n\n").toString();
    }

    private static boolean rebuild(StringBuilder md, Sizes sizes, Path work) throws Exception {
        System.out.println("1. Full rebuild vs Hugo: generating " + sizes.corpus() + " releases");
        List<Release> corpus = Corpus.generate(sizes.corpus(), 2026);
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors() * 2);
        Path out = RebuildBench.scratch(work);
        Path templates = ProjectHome.find().resolve("bench/hugo");
        RebuildBench.Run ours = RebuildBench.newsroom(corpus, out.resolve("newsroom-site"), threads);
        RebuildBench.Run hugo = RebuildBench.hugo(corpus, out.resolve("hugo-site"), templates);
        double ratio = ours.pagesPerSecond() / hugo.pagesPerSecond();
        // The same again to this machine's disk, when the runs above went to RAM.
        boolean disk = !out.startsWith(work);
        RebuildBench.Run oursDisk = disk ? RebuildBench.newsroom(corpus, work.resolve("newsroom-site"), threads, 1) : null;
        RebuildBench.Run hugoDisk = disk ? RebuildBench.hugo(corpus, work.resolve("hugo-site"), templates) : null;
        md.append("## 1. Full rebuild against Hugo\n\n")
                .append(sizes.corpus()).append(" releases (deterministic corpus: 12 categories, ten years, 3-8 Markdown ")
                .append("paragraphs with quotes and lists), rendered to a local folder: release pages, latest, month ")
                .append("archives, category pages, feeds and sitemaps, written to `").append(out)
                .append("` (the same for both)").append(disk ? " and then to the disk (`" + work + "`)" : "")
                .append(". Median of ").append(RebuildBench.RUNS)
                .append(" runs each, after uncounted ones: ").append(ours.warmups())
                .append(" for Newsroom (the JIT's steady state: at least ").append(RebuildBench.WARMUP)
                .append(", and on until a run in which the JIT compiled for under ")
                .append(Math.round(RebuildBench.SETTLED * 100)).append("% of its time")
                .append("; one to disk, after the runs to RAM), one for Hugo ")
                .append("(warm caches). *First run* is each one's first, in a fresh process for Hugo; for Newsroom to ")
                .append("RAM, in a JVM that has rendered nothing yet. To disk, the kernel's writeback of the runs ")
                .append("before decides much of each time, so a first run can be the fastest. ")
                .append("Hugo renders the same corpus with the templates in `bench/hugo` (release pages, home, month ")
                .append("sections, category terms, RSS, sitemap; it paginates lists by 20).\n\n")
                .append("| generator | written to | pages | time | pages/s | first run | pages/s, first run |\n")
                .append("| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (RebuildBench.Run run : List.of(ours, hugo)) {
            md.append(String.format(Locale.UK, "| %s | %s | %d | %d ms | %.0f | %d ms | %.0f |%n", run.name(),
                    disk ? "RAM" : "disk", run.pages(), run.millis(), run.pagesPerSecond(), run.firstMillis(),
                    run.pages() * 1000.0 / Math.max(1, run.firstMillis())));
        }
        if (disk) {
            for (RebuildBench.Run run : List.of(oursDisk, hugoDisk)) {
                md.append(String.format(Locale.UK, "| %s | disk | %d | %d ms | %.0f | %d ms | %.0f |%n", run.name(),
                        run.pages(), run.millis(), run.pagesPerSecond(), run.firstMillis(),
                        run.pages() * 1000.0 / Math.max(1, run.firstMillis())));
            }
        }
        md.append(String.format(Locale.UK, "%nRatio (Newsroom ÷ Hugo, pages per second): **%.2f×**", ratio));
        if (disk) {
            md.append(String.format(Locale.UK, " to RAM, **%.2f×** to disk",
                    oursDisk.pagesPerSecond() / hugoDisk.pagesPerSecond()));
        }
        md.append(String.format(Locale.UK, "; first runs: %.2f× to RAM",
                (ours.pages() * 1000.0 / Math.max(1, ours.firstMillis()))
                        / (hugo.pages() * 1000.0 / Math.max(1, hugo.firstMillis()))));
        md.append(String.format(Locale.UK, ". Target: at least 5×: %s.%n%n", ratio >= 5 ? "met" : "**not met**"));
        System.out.printf(Locale.UK, "   Newsroom %.0f pages/s (after %d uncounted runs), Hugo %.0f pages/s, ratio %.2f%n",
                ours.pagesPerSecond(), ours.warmups(), hugo.pagesPerSecond(), ratio);
        if (disk) {
            System.out.printf(Locale.UK, "   to disk: Newsroom %.0f pages/s, Hugo %.0f pages/s%n",
                    oursDisk.pagesPerSecond(), hugoDisk.pagesPerSecond());
        }
        // Memory as the archive grows: the rebuild goes month by month, so what it holds itself
        // should not grow with the archive.
        System.out.println("   memory: one rebuild of " + sizes.corpus() + " and of " + sizes.largeRebuild() + " releases");
        List<RebuildBench.Memory> memory = new java.util.ArrayList<>();
        memory.add(RebuildBench.memory(corpus, out.resolve("memory-site"), threads));
        corpus = null; // the small corpus is not kept while the large one is measured
        memory.add(RebuildBench.memory(Corpus.generate(sizes.largeRebuild(), 2026), out.resolve("memory-site"), threads));
        md.append("One rebuild each of ").append(sizes.corpus()).append(" and ").append(sizes.largeRebuild())
                .append(" releases (same generator, same threads, written to the same folder), with the heap measured ")
                .append("around it: *before* is the heap after a full GC with the corpus loaded into the in-memory ")
                .append("table (in AWS that is DynamoDB's, not the function's); *peak* is the largest heap during the ")
                .append("rebuild (summed over the heap's pools, which can only overstate); the rebuild's own is the ")
                .append("difference.\n\n")
                .append("| releases | pages | time | pages/s | heap before (corpus) | heap peak | the rebuild's own |\n")
                .append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (RebuildBench.Memory m : memory) {
            md.append(String.format(Locale.UK, "| %,d | %,d | %,d ms | %.0f | %,d MB | %,d MB | %,d MB |%n", m.releases(),
                    m.pages(), m.millis(), m.pages() * 1000.0 / Math.max(1, m.millis()), m.heapBefore() >> 20,
                    m.heapPeak() >> 20, m.rebuildOwn() >> 20));
            System.out.printf(Locale.UK, "   %d releases: %d ms, heap before %d MB, peak %d MB%n", m.releases(),
                    m.millis(), m.heapBefore() >> 20, m.heapPeak() >> 20);
        }
        md.append("\n");
        return ratio >= 5;
    }

    /** 6. Our search against Pagefind's on the same corpus. */
    private static boolean search(StringBuilder md, Sizes sizes, Path work, boolean smoke) throws Exception {
        System.out.println("6. Search against Pagefind " + SearchBench.PAGEFIND + ": " + sizes.searchCorpus() + " releases");
        boolean chromium = java.nio.file.Files.exists(Path.of("/usr/bin/chromium"));
        List<Object> engines = new java.util.ArrayList<>(chromium ? SearchBench.run(sizes.searchCorpus(), work, true)
                : List.of());
        if (chromium && !smoke) {
            System.out.println("   and ours alone at " + sizes.searchLarge() + " releases");
            engines.addAll(SearchBench.run(sizes.searchLarge(), work, false));
        }
        List<SearchBench.PublishCost> costs = new java.util.ArrayList<>();
        costs.add(SearchBench.oursPerPublish(sizes.searchSmall()));
        costs.add(SearchBench.oursPerPublish(sizes.searchLarge()));
        costs.add(SearchBench.oursPerPublish(sizes.searchSmall(), newsroom.service.SearchIndexer.FOLD + 1));
        costs.add(SearchBench.oursPerPublish(sizes.searchLarge(), newsroom.service.SearchIndexer.FOLD + 1));
        Path binary = SearchBench.pagefindBinary();
        costs.add(SearchBench.pagefindPerPublish(binary, sizes.searchSmall(), work));
        costs.add(SearchBench.pagefindPerPublish(binary, sizes.searchLarge(), work));
        md.append("## 6. Site search against Pagefind\n\n")
                .append(sizes.searchCorpus()).append(" releases (the rebuild's corpus). Each engine built from the same ")
                .append("releases (Pagefind ").append(SearchBench.PAGEFIND).append(" from PyPI, `pagefind[bin]`, over the ")
                .append("releases as HTML pages with category and year as filters), then served gzip-compressed from a ")
                .append("local server that counts bytes, and queried in headless Chromium through its own browser ")
                .append("module. The first query counts everything it loads (script, index, WebAssembly, result ")
                .append("fragments for the top ten); each further query counts what it loads beyond the queries before ")
                .append("it (the table gives the median and the largest of the 29). Recall@10: 30 known ")
                .append("queries, each the title of a release of the corpus, a third typed with one letter missing, a ")
                .append("third with the last word half typed; a hit when a release of that title is in the top ten.\n\n")
                .append("The queries are hard on an index: the corpus's titles are made of 36 phrases, so every word of ")
                .append("every query is in at least one release in twelve, and a full title needs the postings of ")
                .append("every one of its words.\n\n")
                .append("| engine | releases | build | files | index size | first query | further query (median) | further query (largest) | recall@10 |\n")
                .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Object o : engines) {
            SearchBench.Engine e = (SearchBench.Engine) o;
            md.append(String.format(Locale.UK, "| %s | %,d | %d ms | %d | %s | %s | %s | %s | %.0f%% |%n", e.name(),
                    e.releases(), e.buildMillis(), e.files(), SearchBench.bytes(e.indexBytes()),
                    SearchBench.bytes(e.firstQueryBytes()), SearchBench.bytes(e.furtherQueryBytes()),
                    SearchBench.bytes(e.largestFurtherQueryBytes()), e.recall() * 100));
            System.out.printf(Locale.UK, "   %s, %d releases: build %d ms, first %s, further %s (largest %s), recall %.0f%%%n",
                    e.name(), e.releases(), e.buildMillis(), SearchBench.bytes(e.firstQueryBytes()),
                    SearchBench.bytes(e.furtherQueryBytes()), SearchBench.bytes(e.largestFurtherQueryBytes()),
                    e.recall() * 100);
        }
        if (!chromium) {
            md.append("| (no Chromium on this machine: the query figures were not measured) | | | | | | | | |\n");
        }
        md.append("\nObjects written by one more publish:\n\n| engine | archive | objects written |\n| --- | ---: | ---: |\n");
        for (SearchBench.PublishCost c : costs) {
            md.append(String.format(Locale.UK, "| %s | %,d | %d |%n", c.name(), c.archive(), c.objects()));
            System.out.printf(Locale.UK, "   %s, %d releases: %d objects per publish%n", c.name(), c.archive(), c.objects());
        }
        md.append("\n");
        boolean met = true;
        for (Object o : engines) {
            SearchBench.Engine e = (SearchBench.Engine) o;
            if (e.name().startsWith("Newsroom") && e.releases() == sizes.searchCorpus()) {
                boolean first = e.firstQueryBytes() <= 100 * 1024;
                boolean further = e.largestFurtherQueryBytes() <= 10 * 1024;
                met &= first && further;
                md.append(String.format(Locale.UK, "Targets at %,d releases (%s): first query ≤ 100 kB: %s; every further "
                        + "query ≤ 10 kB: %s.%n", e.releases(), e.name(), first ? "met" : "**not met**", further ? "met" : "**not met**"));
            } else if (e.name().equals("Newsroom")) {
                boolean first = e.firstQueryBytes() <= 200 * 1024;
                met &= first;
                md.append(String.format(Locale.UK, "Target at %,d releases: first query ≤ 200 kB: %s.%n",
                        e.releases(), first ? "met" : "**not met**"));
            }
        }
        md.append("\n");
        return smoke || met;
    }

    private static boolean publishCost(StringBuilder md, Sizes sizes, Emulator emulator) {
        System.out.println("2. Cost of one publish with " + sizes.archives() + " releases in the table");
        List<PublishBench.Cost> costs = new java.util.ArrayList<>();
        // A round thrown away first: otherwise the first archive measured also pays the JIT's warm-up.
        PublishBench.measure(emulator, sizes.archives().get(0), sizes.publishes());
        for (int archive : sizes.archives()) {
            PublishBench.Cost cost = PublishBench.measure(emulator, archive, sizes.publishes());
            costs.add(cost);
            System.out.printf(Locale.UK, "   %d releases: %d objects, %d requests, %d items read, %.1f ms (DynamoDB %.1f)%n",
                    archive, cost.objects(), cost.dynamoRequests(), cost.itemsRead(), cost.medianMillis(),
                    cost.medianDynamoMillis());
        }
        PublishBench.Cost small = costs.get(0);
        PublishBench.Cost large = costs.get(costs.size() - 1);
        double timeRatio = large.medianMillis() / small.medianMillis();
        double outsideRatio = (large.medianMillis() - large.medianDynamoMillis())
                / (small.medianMillis() - small.medianDynamoMillis());
        boolean sameObjects = costs.stream().allMatch(c -> c.objects() == small.objects());
        md.append("## 2. Cost of one publish as the archive grows\n\n")
                .append("Through the emulator (").append(emulator.description().replaceAll(" at .*", ""))
                .append("): DynamoDB queries and S3 puts for real; median of ").append(sizes.publishes())
                .append(" publishes after the container's first, after a warm-up round. The archive spans ten years, so a larger one also ")
                .append("has more releases a month. *DynamoDB wait* is the part of the time spent waiting ")
                .append("for the table's answers; *items read* counts the items they returned.\n\n")
                .append("| releases in the table | objects written | DynamoDB requests | items read | median time per publish ")
                .append("| of it, DynamoDB wait | the rest (render, S3) |\n| ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (PublishBench.Cost cost : costs) {
            md.append(String.format(Locale.UK, "| %,d | %d | %d | %d | %.1f ms | %.1f ms | %.1f ms |%n", cost.archive(),
                    cost.objects(), cost.dynamoRequests(), cost.itemsRead(), cost.medianMillis(),
                    cost.medianDynamoMillis(), cost.medianMillis() - cost.medianDynamoMillis()));
        }
        md.append(String.format(Locale.UK, "%nSame object count: %s. Time ratio (largest ÷ smallest): **%.2f**; target ≤ 1.2: %s. "
                        + "Outside DynamoDB: %.2f.%n%n",
                sameObjects ? "yes" : "**no**", timeRatio, timeRatio <= 1.2 ? "met" : "**not met**", outsideRatio));
        return sameObjects && timeRatio <= 1.2;
    }

    private static boolean latency(StringBuilder md, Sizes sizes, Emulator emulator) throws Exception {
        System.out.println("3. Publish latency through the local runtime, " + sizes.latencyPublishes() + " publishes");
        LatencyBench.Latencies latencies = LatencyBench.measure(emulator, sizes.latencyPublishes());
        long pageP50 = LatencyBench.percentile(latencies.toPage(), 50);
        long pageP99 = LatencyBench.percentile(latencies.toPage(), 99);
        long mailP50 = LatencyBench.percentile(latencies.toEmail(), 50);
        long mailP99 = LatencyBench.percentile(latencies.toEmail(), 99);
        md.append("## 3. Publish latency\n\n")
                .append("From the API's 201 to the page being served by the local site, and to the first email in ")
                .append("SES's list, over ").append(sizes.latencyPublishes()).append(" publishes (one subscriber).\n\n")
                .append("| to | p50 | p99 |\n| --- | ---: | ---: |\n")
                .append(String.format("| page served | %d ms | %d ms |%n| first email | %d ms | %d ms |%n", pageP50,
                        pageP99, mailP50, mailP99))
                .append(String.format("%nTarget: p99 under 2 s to the page: %s.%n%n", pageP99 >= 0 && pageP99 < 2000
                        ? "met" : "**not met**"));
        System.out.printf("   page p50 %d ms p99 %d ms, email p50 %d ms p99 %d ms%n", pageP50, pageP99, mailP50, mailP99);
        return pageP99 >= 0 && pageP99 < 2000;
    }

    private static boolean fanOut(StringBuilder md, Sizes sizes, Emulator emulator) throws Exception {
        boolean met = true;
        md.append("## 4. Email fan-out\n\n")
                .append("One release to ").append(sizes.contacts()).append(" contacts through the local runtime ")
                .append("(stream, media-notifier, SQS, mail senders, the emulator's SES), at a configured send rate; ")
                .append("time from the API's 201 until SES has accepted every email (its own count, GetAccount's ")
                .append("SentLast24Hours, read every 0.2 s; the list of messages is then read once to find ")
                .append("duplicates and misses).\n\n")
                .append("Calls per email are the mail senders' own requests to the table and to SES (a batch's ")
                .append("SQS receive and delete are the event source mapping's, not the function's).\n\n")
                .append("| configured rate | senders | time | emails/s | of the rate | duplicates | misses "
                        + "| table calls | SES calls | calls per email |\n")
                .append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (double rate : sizes.rates()) {
            System.out.println("4. Fan-out to " + sizes.contacts() + " contacts at " + (int) rate + "/s");
            int senders = Math.max(2, (int) Math.ceil(rate / 50));
            FanOutBench.Run run = FanOutBench.measure(emulator, sizes.contacts(), rate, senders);
            double share = run.perSecond() / rate;
            md.append(String.format(Locale.UK, "| %.0f/s | %d | %.1f s | %.1f | %.0f%% | %d | %d | %d | %d | %.2f |%n",
                    rate, run.senders(), run.millis() / 1000.0, run.perSecond(), share * 100, run.duplicates(),
                    run.misses(), run.tableCalls(), run.sesCalls(), run.callsPerEmail()));
            met &= share >= 0.95 && run.duplicates() == 0 && run.misses() == 0 && run.callsPerEmail() <= 0.5;
            System.out.printf(Locale.UK, "   %.1f emails/s (%.0f%% of %.0f), %d duplicates, %d misses, %.2f calls per email%n",
                    run.perSecond(), share * 100, rate, run.duplicates(), run.misses(), run.callsPerEmail());
        }
        md.append("\nTarget: at least 95% of the configured rate, no duplicates, no misses; at most 0.5 calls per "
                + "email.\n\n");
        return met;
    }

    private static boolean coldStart(StringBuilder md, List<ColdStartBench.Result> results, int rounds) {
        double hello = results.get(0).totalMillis();
        double helloCall = results.get(1).totalMillis();
        md.append("## 5. Cold start proxy, jar sizes and SnapStart priming\n\n")
                .append("A fresh JVM (").append(String.join(" ", ColdStartBench.LAMBDA_JVM_FLAGS))
                .append(", as the Lambda Java runtime starts it) from process start to the handler's first ")
                .append("response: load the handler, construct it (clients, templates), read the sample event from ")
                .append("`events/` the way the runtime does (its serialization library for a typed handler; the bytes ")
                .append("for a `RequestStreamHandler`, which every function's entry point now is), handle it against the ")
                .append("emulator (every function makes at least one real call), write the response. The class path ")
                .append("is the function's deployable jar, the probe class and the runtime's serialization library. ")
                .append("Median of ").append(rounds).append(" rounds (jars interleaved; one uncounted warm-up round). ")
                .append("Two baselines from `bench/hello-world`: a handler that only answers, and the same with one ")
                .append("DynamoDB read, the target's baseline. *Invoke* includes reading the event: for the hello worlds, ")
                .append("which are typed handlers, well over 100 ms of it is the runtime's JSON library starting. The ")
                .append("third hello world makes the same read taking the event's bytes, as the functions do: not the ")
                .append("target's baseline, it shows what is left once neither pays for the runtime's event mapping. ")
                .append("Jar sizes in MB of 10^6 bytes.\n\n")
                .append("| jar | size | init | invoke | fresh JVM to response | ÷ hello-world | ÷ hello-world + one read |\n")
                .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        boolean met = true;
        for (ColdStartBench.Result r : results) {
            md.append(String.format(Locale.UK, "| %s | %.1f MB | %.0f ms | %.0f ms | %.0f ms | %.2f | %.2f |%n",
                    r.target().name(), r.jarBytes() / 1e6, r.initMillis(), r.invokeMillis(), r.totalMillis(),
                    r.totalMillis() / hello, r.totalMillis() / helloCall));
            System.out.printf(Locale.UK, "   %-32s %5.1f MB %6.0f ms (init %4.0f, invoke %4.0f; primed %4.0f, then invoke %4.0f)%n",
                    r.target().name(), r.jarBytes() / 1e6, r.totalMillis(), r.initMillis(), r.invokeMillis(),
                    r.primeMillis(), r.primedInvokeMillis());
        }
        List<ColdStartBench.Result> functions = results.stream().filter(r -> !r.target().baseline())
                .toList();
        double worst = functions.stream().mapToDouble(ColdStartBench.Result::totalMillis).max().orElse(0);
        // Jars, not functions: the shared pages' renderer is the site publisher's jar.
        long jars = functions.stream().map(r -> r.target().jar()).distinct().count();
        long overSize = functions.stream().filter(r -> r.jarBytes() > 12_000_000).map(r -> r.target().jar())
                .distinct().count();
        met &= worst / helloCall <= 1.5 && overSize == 0;
        md.append(String.format(Locale.UK, "%nWorst ratio: **%.2f×** the hello-world that only answers, **%.2f×** the "
                        + "one that also reads DynamoDB; target ≤ 1.5× the latter: %s. Jars over 12 MB: %d of %d; "
                        + "target none: %s.%n%n",
                worst / hello, worst / helloCall, worst / helloCall <= 1.5 ? "met" : "**not met**", overSize,
                jars, overSize == 0 ? "met" : "**not met**"));
        // The rebuilder's one request: say how big it was, and where its lists went.
        results.stream().filter(r -> r.target().name().equals("site-rebuilder") && r.lastResponse() != null)
                .findFirst().ifPresent(rebuilder -> {
                    var objects = java.util.regex.Pattern.compile("\"objects\":(\\d+)").matcher(rebuilder.lastResponse());
                    var millis = java.util.regex.Pattern.compile("\"millis\":(\\d+)").matcher(rebuilder.lastResponse());
                    var parts = java.util.regex.Pattern.compile("\"sharedParts\":(\\d+)").matcher(rebuilder.lastResponse());
                    boolean rendered = rebuilder.lastResponse().contains("\"lists\":\"rendered\"");
                    if (objects.find() && millis.find() && parts.find()) {
                        md.append(rendered
                                ? String.format(Locale.UK, "The site rebuilder's first request is its whole job: for "
                                        + "the one sample release it wrote %s objects of its own (the assets, the fixed "
                                        + "pages, the release's page and files) and rendered %s parts of the site (every "
                                        + "list, feed and sitemap and the whole search index) again, %s ms of its invoke "
                                        + "by its own clock.%n%n", objects.group(1), parts.group(1), millis.group(1))
                                : String.format(Locale.UK, "The site rebuilder's first request wrote %s objects of its "
                                        + "own for the one sample release (the assets, the fixed pages, the release's "
                                        + "page and files) and marked %s parts of the site (every list, feed and sitemap "
                                        + "and the whole search index) for the shared pages' and search index's functions, "
                                        + "%s ms of its invoke by its own clock. The shared pages' function, warm as it is "
                                        + "beside a working site, then rendered the lists in %.0f ms (median, the real "
                                        + "handler in the benchmark's process). Each run of the shared-pages row renders the list marks one publish of "
                                        + "the sample makes; each run of the search-index row indexes a new release (the "
                                        + "sample under a new id), as a publish leaves it for that function: into the "
                                        + "recent file, as 32 publishes in 33 are; the 33rd folds the recent file into the "
                                        + "word files, about a hundred objects for a release of the sample's words (section "
                                        + "6 gives the average).%n%n", objects.group(1),
                                        parts.group(1), millis.group(1), ColdStartBench.REBUILT_LISTS_MILLIS.get()));
                    }
                });
        results.stream().filter(r -> r.target().name().equals(ColdStartBench.STREAM)).findFirst().ifPresent(stream ->
                md.append(String.format(Locale.UK, "Against the one-read hello world that also takes its event's "
                                + "bytes (%.0f ms), the worst function is %.2f×: the rest of the gain over the target's "
                                + "baseline is the runtime's event mapping, which the functions no longer start.%n%n",
                        stream.totalMillis(), worst / stream.totalMillis())));
        results.stream().filter(r -> r.target().name().equals(ColdStartBench.CRT)).findFirst().ifPresent(crt ->
                md.append(String.format(Locale.UK, "HTTP client: the same one-read hello world starts in %.0f ms with the "
                                + "URL-connection client and %.0f ms with the AWS CRT client (jar %.1f vs %.1f MB): %s.%n%n",
                        helloCall, crt.totalMillis(), results.get(1).jarBytes() / 1e6, crt.jarBytes() / 1e6,
                        Math.abs(crt.totalMillis() - helloCall) < 0.05 * helloCall
                                ? "within 5%, less than the spread between runs here, so no faster; the functions keep "
                                + "URL-connection, whose jar is smaller"
                                : crt.totalMillis() < helloCall ? "CRT is faster here"
                                : "URL-connection is faster here, and the functions keep it")));

        md.append("### SnapStart priming\n\n")
                .append("template.yaml turns SnapStart on (published versions, alias `live`). Lambda then runs each ")
                .append("function's constructor and its CRaC `beforeCheckpoint` hook once per deploy and snapshots the ")
                .append("JVM; a cold start resumes from the snapshot. Each hook primes with the calls its first request ")
                .append("makes, reads only (`SnapStartPrimingIT` checks that they all succeed and change nothing). Below, ")
                .append("the same cold start with the hook run after construction, as Lambda runs it: the invoke after ")
                .append("priming is what a cold start restored from the snapshot still pays, plus the restore itself, ")
                .append("which only AWS can measure.\n\n")
                .append("| function | fresh JVM to response | priming (in the snapshot) | invoke after priming | ")
                .append("paid before the first response without SnapStart, not with it |\n")
                .append("| --- | ---: | ---: | ---: | ---: |\n");
        for (ColdStartBench.Result r : functions) {
            md.append(String.format(Locale.UK, "| %s | %.0f ms | %.0f ms | %.0f ms | %.0f ms |%n", r.target().name(),
                    r.totalMillis(), r.primeMillis(), r.primedInvokeMillis(), r.totalMillis() - r.primedInvokeMillis()));
        }
        md.append("\n");
        return met;
    }

    private static String machine() {
        long memory = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return String.format(Locale.UK, "%d cores, %.0f GiB, %s %s, Java %s (%s)",
                Runtime.getRuntime().availableProcessors(), memory / (1024.0 * 1024 * 1024),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"),
                System.getProperty("java.vm.name"));
    }

}
