package newsroom.domain;

/** Who journalists should call about a release: shown on the page and in the email. */
public record ContactBlock(String name, String phone, String email) {
}
