package newsroom.service.port;

/** The public site's storage: one object a page, keyed by URL path. */
public interface SiteBucket {
    /** HTML: short browser cache, longer CDN cache; the CDN is told when a page changes. */
    String HTML_CACHE = "public, max-age=60, s-maxage=300";
    /** Content-hashed assets never change under the same name. */
    String ASSET_CACHE = "public, max-age=31536000, immutable";

    void put(String key, byte[] content, String contentType, String cacheControl);

    boolean exists(String key);

    /** An object's content, if it is there (the search index reads its shards back to change them). */
    java.util.Optional<byte[]> read(String key);

    /** Takes an object off the site (a withdrawn release's downloads); nothing when it is not there. */
    void delete(String key);

    /** The keys under a prefix (a release's downloads: a handful). */
    java.util.List<String> keys(String prefix);
}
