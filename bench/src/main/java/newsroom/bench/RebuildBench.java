package newsroom.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import newsroom.domain.Categories;
import newsroom.domain.Release;
import newsroom.fakes.InMemoryReleaseRepository;
import newsroom.fakes.InMemoryRenderQueue;
import newsroom.fakes.InMemorySiteIndex;
import newsroom.render.SiteAssets;
import newsroom.render.SiteRenderer;
import newsroom.service.SiteRebuilder;
import newsroom.service.port.Cdn;

/**
 * Full rebuild of the whole site from the corpus to a local folder, against Hugo rendering the same
 * corpus with equivalent templates (bench/hugo). Each runs uncounted first (until the JIT is warm
 * for us, once for Hugo's caches), then {@link #RUNS} times; the median counts. Both write every
 * file, to the same kind of folder: RAM-backed where the machine has one, because on this VM's
 * disk the kernel's writeback of the previous run's 50 MB, not the generator, decided how long a
 * run took.
 */
final class RebuildBench {
    static final ZoneId ZONE = ZoneId.of("Europe/London");
    static final int RUNS = 5;
    /**
     * Uncounted runs before those, at least: the JIT needs about five rebuilds of this corpus to
     * reach its steady state on a fast machine (measured: 2.2 s, 1.3, 1.0, 0.9, 0.9, 0.7, then 0.5 s
     * a rebuild), and more on a slower one, where its compiler threads share the two cores with the
     * rebuild's. So the warm-up goes on until the JIT is done: a run in which it compiled for
     * under {@link #SETTLED} of the run's time (up to {@link #WARMUP_MAX} runs). The first run, in a
     * JVM that has rendered nothing yet, is reported beside the median: it is what a fresh
     * function pays.
     */
    static final int WARMUP = 6;
    static final int WARMUP_MAX = 30;
    static final double SETTLED = 0.02;

    /** One generator's runs: the median of the counted ones, and the first. */
    record Run(String name, int pages, long millis, long firstMillis, int warmups) {
        double pagesPerSecond() {
            return pages * 1000.0 / Math.max(1, millis);
        }
    }

    private RebuildBench() {
    }

    /**
     * Where both generators write: /dev/shm when it is there, writable and roomy (a container's is
     * often 64 MB; the two sites take about 150), else the given folder.
     */
    static Path scratch(Path fallback) {
        Path shm = Path.of("/dev/shm");
        try {
            if (Files.isDirectory(shm) && Files.isWritable(shm)
                    && Files.getFileStore(shm).getUsableSpace() > 1L << 30) {
                return shm.resolve("newsroom-bench");
            }
        } catch (IOException e) {
            // fall back to the disk
        }
        return fallback;
    }

    /** A rebuilder over the corpus in the in-memory table, writing to the folder. */
    private static SiteRebuilder rebuilder(List<Release> corpus, Path out, int threads) {
        SiteAssets assets = new SiteAssets();
        return new SiteRebuilder(InMemoryReleaseRepository.of(corpus, ZONE),
                new InMemorySiteIndex(ZONE), new InMemoryRenderQueue(), new DirectoryBucket(out),
                (release, attachment) -> Optional.empty(),
                new SiteRenderer(assets, "Newsroom", "https://news.example", ZONE), assets,
                new Categories(Corpus.CATEGORIES), Cdn.NONE, Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC),
                threads);
    }

    static Run newsroom(List<Release> corpus, Path out, int threads) {
        return newsroom(corpus, out, threads, WARMUP);
    }

    /**
     * The same with at least {@code warmup} uncounted runs, and more while the JIT is still
     * compiling (one is enough once the JIT has warmed on another folder).
     */
    static Run newsroom(List<Release> corpus, Path out, int threads, int warmup) {
        List<Run> runs = new ArrayList<>();
        long first = -1;
        int uncounted = 0;
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        while (runs.size() < RUNS) {
            deleteTree(out);
            SiteRebuilder rebuilder = rebuilder(corpus, out, threads);
            long compiledBefore = jit.getTotalCompilationTime();
            long start = System.nanoTime();
            rebuilder.rebuild(line -> { });
            long millis = (System.nanoTime() - start) / 1_000_000;
            long compiling = jit.getTotalCompilationTime() - compiledBefore;
            first = first < 0 ? millis : first;
            boolean warm = uncounted >= warmup && (compiling < SETTLED * millis || uncounted >= WARMUP_MAX);
            if (warm || !runs.isEmpty()) {
                runs.add(new Run("Newsroom (" + threads + " threads)", countPages(out), millis, first, uncounted));
            } else {
                uncounted++;
            }
        }
        deleteTree(out);
        return median(runs);
    }

    /** A rebuild's time and memory: the heap before it (the corpus in the fakes) and at its peak. */
    record Memory(int releases, int pages, long millis, long heapBefore, long heapPeak) {
        long rebuildOwn() {
            return Math.max(0, heapPeak - heapBefore);
        }
    }

    /**
     * One rebuild of a corpus of this size, with the heap measured around it: the in-memory fakes
     * hold the whole corpus (as the table does in AWS), so what the rebuild itself holds is the
     * peak less the heap before it. Peaks are summed over the heap's pools, which can only overstate.
     */
    static Memory memory(List<Release> corpus, Path out, int threads) {
        deleteTree(out);
        SiteRebuilder rebuilder = rebuilder(corpus, out, threads);
        System.gc();
        System.gc();
        long before = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        List<java.lang.management.MemoryPoolMXBean> heap = java.lang.management.ManagementFactory.getMemoryPoolMXBeans()
                .stream().filter(p -> p.getType() == java.lang.management.MemoryType.HEAP).toList();
        heap.forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        rebuilder.rebuild(line -> { });
        long millis = (System.nanoTime() - start) / 1_000_000;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        int pages = countPages(out);
        deleteTree(out);
        return new Memory(corpus.size(), pages, millis, before, peak);
    }

    private static Run median(List<Run> runs) {
        return runs.stream().sorted(Comparator.comparingLong(Run::millis)).toList().get(runs.size() / 2);
    }

    /** Writes the corpus as Hugo content (one Markdown file a release, a section a month), then times hugo. */
    static Run hugo(List<Release> corpus, Path work, Path templates) throws IOException, InterruptedException {
        deleteTree(work);
        copyTree(templates, work);
        DateTimeFormatter date = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZONE);
        for (Release r : corpus) {
            var at = r.publishedAt().atZone(ZONE);
            Path month = work.resolve(String.format("content/news/%04d/%02d", at.getYear(), at.getMonthValue()));
            Files.createDirectories(month);
            Path index = month.resolve("_index.md");
            if (!Files.exists(index)) {
                Files.writeString(index, String.format("---%ntitle: \"News from %s %d\"%n---%n",
                        at.getMonth().getDisplayName(TextStyle.FULL, Locale.UK), at.getYear()));
            }
            String front = "---\ntitle: \"" + r.title().replace("\"", "\\\"") + "\"\ndate: " + date.format(r.publishedAt())
                    + "\nslug: \"" + r.slug() + "\"\ncategories: [\"" + r.category() + "\"]\nsummary: \""
                    + r.summary().replace("\"", "\\\"") + "\"\n---\n\n";
            Files.writeString(month.resolve(r.slug() + ".md"), front + r.body() + "\n", StandardCharsets.UTF_8);
        }
        List<Run> runs = new ArrayList<>();
        long first = -1;
        for (int i = 0; i <= RUNS; i++) {
            deleteTree(work.resolve("public"));
            long start = System.nanoTime();
            Process hugo = new ProcessBuilder(Hugo.binary().toString(), "--quiet", "--source", work.toString(), "--destination",
                    work.resolve("public").toString()).redirectErrorStream(true).start();
            String output = new String(hugo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!hugo.waitFor(30, TimeUnit.MINUTES) || hugo.exitValue() != 0) {
                throw new IllegalStateException("hugo failed: " + output);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            first = first < 0 ? millis : first;
            // Hugo is compiled ahead of time: one uncounted run warms the file cache.
            if (i > 0) {
                runs.add(new Run("Hugo " + hugoVersion(), countPages(work.resolve("public")), millis, first, 1));
            }
        }
        deleteTree(work);
        return median(runs);
    }

    static String hugoVersion() {
        try {
            Process p = new ProcessBuilder(Hugo.binary().toString(), "version").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor();
            String[] words = v.split(" ");
            return words.length > 1 ? words[1] : v;
        } catch (IOException | InterruptedException e) {
            return "(unknown version)";
        }
    }

    /** Pages: every HTML and XML file the generator wrote. */
    static int countPages(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return (int) files.filter(f -> f.toString().endsWith(".html") || f.toString().endsWith(".xml")
                    || f.toString().endsWith(".atom") || f.toString().endsWith(".rss")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
