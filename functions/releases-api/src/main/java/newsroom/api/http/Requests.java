package newsroom.api.http;

/** Small request bodies of the workflow routes. */
final class Requests {
    private Requests() {
    }

    /** POST /releases/{id}/withdraw. */
    record Withdraw(String reason) {
    }

    /** POST /releases/{id}/publish takes no fields; an empty object (or no body) is fine. */
    record Publish(String pendingChange, java.util.List<String> confirm) {
    }

    /** POST /releases/{id}/advance-copies: one more journalist to send the advance copy to. */
    record AddJournalist(String contactId) {
    }

    /** One flag in PUT /releases/{id}/flags: its key, and a review date or none for the default. */
    record Flag(String flag, java.time.LocalDate reviewOn) {
    }

    /** PUT /releases/{id}/flags: the release's flags, all of them. */
    record Flags(java.util.List<Flag> flags) {
    }

    /** POST /releases/{id}/reviews: the decision of a review. */
    record Review(String flag, String decision, java.time.LocalDate reviewOn, String note, String reason,
                  newsroom.domain.ReleaseEdit release) {
    }

    /** POST /releases/{id}/advance-copies/revoke: one journalist's copy, or (no contactId) every one. */
    record Revoke(String contactId) {
    }

    /** POST /releases/{id}/attachments: the file the press office is about to upload. */
    record NewAttachment(String fileName, String contentType, Long size, String description, String changeNote,
                         String changeType) {
    }

    /** The optional body of an attachment's removal: the change note a published release needs. */
    record RemovalNote(String changeNote, String changeType) {
    }
}
