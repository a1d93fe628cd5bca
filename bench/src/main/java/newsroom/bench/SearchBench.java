package newsroom.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import newsroom.domain.Release;
import newsroom.fakes.InMemoryReleaseRepository;
import newsroom.fakes.InMemorySearchDocs;
import newsroom.local.emulator.ProjectVenv;
import newsroom.render.Html;
import newsroom.render.Markdown;
import newsroom.render.SiteAssets;
import newsroom.render.SitePaths;
import newsroom.service.SearchIndexer;
import newsroom.service.port.Cdn;
import newsroom.service.port.SiteBucket;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Our search against Pagefind (from PyPI, {@code pagefind[bin]}), on the same corpus: build time,
 * index size, bytes on the wire (gzip, as a CDN serves them) for a first query (script, index
 * parts, ten results) and a further one, recall@10 on a fixed query set with typos and prefixes,
 * and the objects a publish writes with a small and a large archive. Both engines run in
 * headless Chromium, each from its own folder behind a local HTTP server that counts bytes.
 */
final class SearchBench {
    static final String PAGEFIND = "1.5.2";
    static final ZoneId ZONE = ZoneId.of("Europe/London");
    static final String RECENT_FULL = "Newsroom, " + SearchIndexer.FOLD + " releases in the recent file";

    record Engine(String name, int releases, long buildMillis, long files, long indexBytes, long firstQueryBytes,
                  long furtherQueryBytes, long largestFurtherQueryBytes, double recall, int queries) {
    }

    record PublishCost(String name, int archive, int objects) {
    }

    private SearchBench() {
    }

    /** A bucket that only counts what is written, keeping it in memory for the next change. */
    static final class CountingBucket implements SiteBucket {
        final Map<String, byte[]> objects = new HashMap<>();
        int puts;

        @Override
        public synchronized void put(String key, byte[] content, String contentType, String cacheControl) {
            puts++;
            objects.put(key, content);
        }

        @Override
        public synchronized Optional<byte[]> read(String key) {
            return Optional.ofNullable(objects.get(key));
        }

        @Override
        public boolean exists(String key) {
            return objects.containsKey(key);
        }

        @Override
        public synchronized void delete(String key) {
            puts++;
            objects.remove(key);
        }

        @Override
        public List<String> keys(String prefix) {
            return objects.keySet().stream().filter(k -> k.startsWith(prefix)).sorted().toList();
        }
    }

    private static SearchIndexer indexer(List<Release> corpus, SiteBucket bucket, Clock clock) {
        return new SearchIndexer(InMemoryReleaseRepository.of(corpus, ZONE), new InMemorySearchDocs(), bucket, Cdn.NONE,
                new SitePaths(ZONE), clock);
    }

    private static Clock clock() {
        return Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);
    }

    /** Objects written when one more release is published into an index of {@code archive} releases. */
    static PublishCost oursPerPublish(int archive) {
        return oursPerPublish(archive, 1);
    }

    /**
     * Objects written per publish, on average, when {@code count} more releases are published one
     * at a time into an index of {@code archive} releases: with {@code FOLD + 1} of them, the
     * recent file's fold into the word files is among them.
     */
    static PublishCost oursPerPublish(int archive, int count) {
        List<Release> corpus = new ArrayList<>(Corpus.generate(archive, 7));
        CountingBucket bucket = new CountingBucket();
        InMemorySearchDocs docs = new InMemorySearchDocs();
        new SearchIndexer(InMemoryReleaseRepository.of(corpus, ZONE), docs, bucket, Cdn.NONE, new SitePaths(ZONE),
                clock()).rebuild();
        List<Release> more = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            more.add(published(i));
        }
        List<Release> all = new ArrayList<>(corpus);
        all.addAll(more);
        SearchIndexer after = new SearchIndexer(InMemoryReleaseRepository.of(all, ZONE), docs, bucket, Cdn.NONE,
                new SitePaths(ZONE), clock());
        bucket.puts = 0;
        more.forEach(release -> after.apply(List.of(release.id())));
        return new PublishCost(count == 1 ? "Newsroom" : "Newsroom, average of " + count + " (one fold)", archive,
                Math.round((float) bucket.puts / count));
    }

    /** The one release both engines take in on top of the archive: the same whatever its size. */
    static Release published() {
        return published(0);
    }

    /** The {@code n}th new release: the same text under its own id. */
    static Release published(int n) {
        Release r = Corpus.generate(1, 99).get(0);
        return new Release(String.format("ffffffff-0000-4000-8000-%012d", n + 1), r.slug() + "-new-" + n, r.title(), r.summary(), r.body(),
                r.category(), r.tags(), r.contact(), null, List.of(), r.status(), r.author(), r.createdAt(),
                r.updatedAt(), r.publishedAt(), null, List.of(), null, r.version());
    }

    /**
     * Our index of the corpus, in {@code dir} as the site bucket has it, with the search module:
     * the newest {@code recent} releases published one by one after a rebuild of the rest, so in
     * the recent file (the build time is the rebuild's and those publishes').
     */
    static long buildOurs(List<Release> corpus, Path dir, int recent) throws IOException {
        DirectoryBucket bucket = new DirectoryBucket(dir);
        List<Release> oldestFirst = corpus.stream().sorted(java.util.Comparator.comparing(Release::publishedAt)).toList();
        InMemorySearchDocs docs = new InMemorySearchDocs();
        long start = System.nanoTime();
        new SearchIndexer(InMemoryReleaseRepository.of(oldestFirst.subList(0, corpus.size() - recent), ZONE), docs,
                bucket, Cdn.NONE, new SitePaths(ZONE), clock()).rebuild();
        SearchIndexer all = new SearchIndexer(InMemoryReleaseRepository.of(corpus, ZONE), docs, bucket, Cdn.NONE,
                new SitePaths(ZONE), clock());
        for (Release release : oldestFirst.subList(corpus.size() - recent, corpus.size())) {
            all.apply(List.of(release.id()));
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        SiteAssets assets = new SiteAssets();
        for (SiteAssets.Asset asset : assets.all()) {
            bucket.put(asset.key(), asset.content(), asset.contentType(), SiteBucket.ASSET_CACHE);
        }
        Files.writeString(dir.resolve("bench.html"), "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>b</title>"
                + "<script type=\"module\">import {Search} from '" + assets.searchScriptUrl() + "';"
                + "const s = new Search('');"
                + "window.run = async (q) => { const docs = (await s.query(q)).slice(0, 10);"
                + " return (await Promise.all(docs.map((n) => s.doc(n)))).map((d) => d.t); };"
                + "window.ready = true;</script></head><body></body></html>");
        return millis;
    }

    static Path pagefindBinary() {
        Path venv = ProjectVenv.ensure("pagefind-" + PAGEFIND, List.of("pagefind[bin]==" + PAGEFIND));
        try (Stream<Path> found = Files.find(venv.resolve("lib"), 6,
                (path, attributes) -> path.endsWith("pagefind_bin/pagefind") && attributes.isRegularFile())) {
            return found.findFirst().orElseThrow(() -> new IllegalStateException("no pagefind binary in " + venv));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The corpus as the HTML pages Pagefind indexes (title, summary, body; category and year as filters). */
    static void writePages(List<Release> corpus, Path dir) throws IOException {
        Markdown markdown = new Markdown();
        for (Release r : corpus) {
            Path page = dir.resolve("news").resolve(r.slug()).resolve("index.html");
            Files.createDirectories(page.getParent());
            Files.writeString(page, "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>"
                    + Html.escape(r.title()) + "</title></head><body><main data-pagefind-body><h1>" + Html.escape(r.title())
                    + "</h1><p data-pagefind-filter=\"category\">" + Html.escape(r.category()) + "</p>"
                    + "<p data-pagefind-filter=\"year\">" + r.publishedAt().atZone(ZONE).getYear() + "</p><p>"
                    + Html.escape(r.summary()) + "</p>" + markdown.toHtml(r.body()) + "</main></body></html>");
        }
    }

    static long buildPagefind(Path binary, Path dir) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(binary.toString(), "--site", dir.toString(), "--output-subdir", "pagefind")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("pagefind failed");
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        Files.writeString(dir.resolve("bench.html"), "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>b</title>"
                + "<script type=\"module\">const pf = await import('/pagefind/pagefind.js'); await pf.options({});"
                + "window.run = async (q) => { const r = await pf.search(q);"
                + " const d = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));"
                + " return d.map((x) => x.meta.title); };"
                + "window.ready = true;</script></head><body></body></html>");
        return millis;
    }

    /** Objects Pagefind writes when one more page joins a site of {@code archive} pages. */
    static PublishCost pagefindPerPublish(Path binary, int archive, Path work) throws IOException, InterruptedException {
        List<Release> corpus = new ArrayList<>(Corpus.generate(archive, 7));
        corpus.add(published());
        Path dir = work.resolve("pagefind-publish-" + archive);
        deleteRecursively(dir);
        writePages(corpus.subList(0, archive), dir);
        buildPagefind(binary, dir);
        Map<String, String> before = hashes(dir.resolve("pagefind"));
        writePages(corpus.subList(archive, archive + 1), dir);
        buildPagefind(binary, dir);
        Map<String, String> after = hashes(dir.resolve("pagefind"));
        int changed = 0;
        for (Map.Entry<String, String> file : after.entrySet()) {
            if (!file.getValue().equals(before.get(file.getKey()))) {
                changed++;
            }
        }
        deleteRecursively(dir);
        return new PublishCost("Pagefind " + PAGEFIND, archive, changed);
    }

    private static Map<String, String> hashes(Path dir) throws IOException {
        Map<String, String> hashes = new HashMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                try {
                    hashes.put(dir.relativize(file).toString(), HexFormat.of().formatHex(
                            MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return hashes;
    }

    static long[] sizeOf(Path dir) throws IOException {
        long files = 0;
        long bytes = 0;
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                files++;
                bytes += Files.size(file);
            }
        }
        return new long[] {files, bytes};
    }

    /** Known queries: each names a release of the corpus, some typed with a typo, some half typed. */
    static List<String[]> queries(List<Release> corpus) {
        Random random = new Random(42);
        List<String[]> queries = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Release target = corpus.get(random.nextInt(corpus.size()));
            String[] words = target.title().toLowerCase(Locale.ROOT).replaceAll("[^a-z ]", "").split(" ");
            List<String> long5 = new ArrayList<>();
            for (String w : words) {
                if (w.length() >= 5) {
                    long5.add(w);
                }
            }
            String query = String.join(" ", words);
            if (i % 3 == 1 && !long5.isEmpty()) {
                String w = long5.get(random.nextInt(long5.size()));
                int at = 2 + random.nextInt(w.length() - 3);
                String typo = w.substring(0, at) + w.substring(at + 1); // one letter missing
                query = query.replace(w, typo);
            } else if (i % 3 == 2) {
                String lastWord = words[words.length - 1];
                query = query.substring(0, query.length() - lastWord.length())
                        + lastWord.substring(0, Math.min(lastWord.length(), 4)); // still typing
            }
            queries.add(new String[] {query, target.title()});
        }
        return queries;
    }

    /** Serves a folder gzip-compressed, as a CDN would, counting the bytes sent. */
    static final class Server implements AutoCloseable {
        final HttpServer http;
        final AtomicLong bytes = new AtomicLong();
        private final Map<String, byte[]> gzipped = new ConcurrentHashMap<>();

        Server(Path root) throws IOException {
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            http.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                Path file = root.resolve(path.substring(1)).normalize();
                if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                    exchange.sendResponseHeaders(404, -1);
                    exchange.close();
                    return;
                }
                byte[] body = gzipped.computeIfAbsent(path, p -> gzip(file));
                String type = path.endsWith(".js") ? "text/javascript" : path.endsWith(".json") ? "application/json"
                        : path.endsWith(".html") ? "text/html" : path.endsWith(".wasm") ? "application/wasm"
                        : path.endsWith(".css") ? "text/css" : "application/octet-stream";
                exchange.getResponseHeaders().add("Content-Type", type);
                exchange.getResponseHeaders().add("Content-Encoding", "gzip");
                exchange.getResponseHeaders().add("Cache-Control", "public, max-age=3600");
                exchange.sendResponseHeaders(200, body.length);
                if (!path.endsWith("bench.html")) {
                    bytes.addAndGet(body.length);
                }
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            http.start();
        }

        private static byte[] gzip(Path file) {
            try (ByteArrayOutputStream out = new ByteArrayOutputStream();
                 GZIPOutputStream zip = new GZIPOutputStream(out)) {
                zip.write(Files.readAllBytes(file));
                zip.finish();
                return out.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String url() {
            return "http://127.0.0.1:" + http.getAddress().getPort() + "/bench.html";
        }

        @Override
        public void close() {
            http.stop(0);
        }
    }

    static ChromeDriver browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new java.io.File("/usr/bin/chromedriver")).build();
        return new ChromeDriver(service, options);
    }

    /** Runs the queries in a fresh page: bytes of the first query, the median and largest of the others, recall@10. */
    @SuppressWarnings("unchecked")
    static Engine measure(String name, int releases, Path dir, long buildMillis, List<String[]> queries) throws Exception {
        long[] size = sizeOf(dir.resolve(name.startsWith("Pagefind") ? "pagefind" : "search"));
        try (Server server = new Server(dir)) {
            ChromeDriver browser = browser();
            try {
                browser.get(server.url());
                new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(60))
                        .until(d -> Boolean.TRUE.equals(browser.executeScript("return window.ready === true")));
                long first = 0;
                List<Long> further = new ArrayList<>();
                int hits = 0;
                for (int i = 0; i < queries.size(); i++) {
                    server.bytes.set(0);
                    Object result = browser.executeAsyncScript(
                            "const done = arguments[arguments.length - 1]; window.run(arguments[0]).then(done,"
                                    + " (e) => done(['ERROR ' + e]));", queries.get(i)[0]);
                    List<String> titles = (List<String>) result;
                    if (i == 0) {
                        first = server.bytes.get();
                    } else {
                        further.add(server.bytes.get());
                    }
                    if (titles.contains(queries.get(i)[1])) {
                        hits++;
                    }
                }
                List<Long> sorted = further.stream().sorted().toList();
                return new Engine(name, releases, buildMillis, size[0], size[1], first, sorted.get(sorted.size() / 2),
                        sorted.get(sorted.size() - 1), (double) hits / queries.size(), queries.size());
            } finally {
                browser.quit();
            }
        }
    }

    static List<Object> run(int corpusSize, Path work, boolean withPagefind) throws Exception {
        List<Release> corpus = Corpus.generate(corpusSize, 2026);
        List<String[]> queries = queries(corpus);
        Path ours = work.resolve("search-ours");
        deleteRecursively(ours);
        Files.createDirectories(ours);
        long oursMillis = buildOurs(corpus, ours, 0);
        List<Object> out = new ArrayList<>();
        out.add(measure("Newsroom", corpusSize, ours, oursMillis, queries));
        if (withPagefind) {
            // The same corpus with the recent file at its largest: the most a first query loads.
            Path recent = work.resolve("search-ours-recent");
            deleteRecursively(recent);
            Files.createDirectories(recent);
            long recentMillis = buildOurs(corpus, recent, SearchIndexer.FOLD);
            out.add(measure(RECENT_FULL, corpusSize, recent, recentMillis, queries));
            Path binary = pagefindBinary();
            Path pf = work.resolve("search-pagefind");
            deleteRecursively(pf);
            writePages(corpus, pf);
            long pfMillis = buildPagefind(binary, pf);
            out.add(measure("Pagefind " + PAGEFIND, corpusSize, pf, pfMillis, queries));
        }
        return out;
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path path : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    static String bytes(long n) {
        return n >= 10_240 ? String.format(Locale.UK, "%.1f kB", n / 1024.0) : n + " B";
    }

    static String html(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
}
