package newsroom.domain;

/** The picture at the top of a release: one of its image attachments, with the alt text every image needs. */
public record HeroImage(String fileName, String alt) {
}
