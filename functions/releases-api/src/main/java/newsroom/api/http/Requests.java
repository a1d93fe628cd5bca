package newsroom.api.http;

/** Small request bodies of the workflow routes. */
final class Requests {
    private Requests() {
    }

    /** POST /releases/{id}/withdraw. */
    record Withdraw(String reason) {
    }

    /** POST /releases/{id}/publish takes no fields; an empty object (or no body) is fine. */
    record Publish(String pendingChange) {
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
