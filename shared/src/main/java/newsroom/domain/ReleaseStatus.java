package newsroom.domain;

/** Where a release stands in the press office's workflow. */
public enum ReleaseStatus {
    DRAFT,
    SCHEDULED,
    PUBLISHED,
    WITHDRAWN;

    /** Whether the public may see the release's text. */
    public boolean isPublic() {
        return this == PUBLISHED;
    }
}
