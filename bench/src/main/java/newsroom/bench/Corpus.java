package newsroom.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import newsroom.domain.ContactBlock;
import newsroom.domain.Release;
import newsroom.domain.ReleaseStatus;
import newsroom.domain.Slugs;

/**
 * A deterministic corpus of realistic releases: varied titles, 3 to 8 paragraphs of Markdown with
 * quotes and lists, 12 categories, publication dates spread over ten years. The same seed always
 * gives the same releases.
 */
final class Corpus {
    static final List<String> CATEGORIES = List.of("Crime Operations", "Appeals", "Road Safety", "Court Results",
            "Community", "Corporate", "Missing People", "Fraud", "Cyber Crime", "Counter Terrorism", "Recruitment",
            "Events");
    private static final String[] PLACES = {"Exampleton", "Northbridge", "Millford", "Eastcombe", "Oakfield",
            "Riverside", "Kingsway", "Hillcrest", "Westgate", "Ashby", "Brookvale", "Stoneham"};
    private static final String[] EVENTS = {"appeal for witnesses after", "arrest following", "charges after",
            "warning issued over", "investigation into", "sentencing after", "update on", "community meeting on",
            "road closure after", "campaign launched against", "officers praised after", "reward offered for"};
    private static final String[] SUBJECTS = {"burglary", "collision on the A38", "fraud targeting older people",
            "theft of catalytic converters", "assault in the town centre", "missing teenager", "drug supply",
            "online scam", "arson at a warehouse", "robbery at a petrol station", "cyber attack on a school",
            "anti-social behaviour"};
    private static final String[] SENTENCES = {
        "Officers were called to the scene shortly after the incident was reported.",
        "Enquiries are ongoing and detectives are keen to hear from anyone who saw what happened.",
        "Anyone with information is asked to call 101, quoting the incident number.",
        "Information can also be given anonymously to the independent charity Crimestoppers.",
        "Neighbourhood teams will be carrying out extra patrols in the area over the coming days.",
        "The investigation is being led by the major crime team, supported by local officers.",
        "We understand the concern this has caused in the community and thank residents for their patience.",
        "A cordon remains in place while forensic examinations are carried out.",
        "Specialist officers are supporting the family at this difficult time.",
        "The force has written to residents to explain what is being done."};

    private Corpus() {
    }

    static List<Release> generate(int count, long seed) {
        Random random = new Random(seed);
        Instant end = Instant.parse("2026-11-01T00:00:00Z");
        long span = Duration.ofDays(3650).toSeconds();
        List<Release> releases = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String place = PLACES[random.nextInt(PLACES.length)];
            String title = capitalise(EVENTS[random.nextInt(EVENTS.length)]) + " " + SUBJECTS[random.nextInt(SUBJECTS.length)]
                    + " in " + place;
            Instant at = end.minusSeconds((long) (random.nextDouble() * span));
            String category = CATEGORIES.get(random.nextInt(CATEGORIES.size()));
            releases.add(new Release(String.format("%08d-0000-4000-8000-%012d", i, i),
                    Slugs.fromTitle(title) + "-" + i, title, "Police in " + place + " " + EVENTS[random.nextInt(EVENTS.length)]
                    + " " + SUBJECTS[random.nextInt(SUBJECTS.length)] + ".", body(random, place), category,
                    List.of(place.toLowerCase()), new ContactBlock("Press office", "0800 000 0000", "press@example.police.uk"),
                    null, List.of(), ReleaseStatus.PUBLISHED, "press.officer", at, at, at, null, List.of(), null, 2));
        }
        return releases;
    }

    private static String body(Random random, String place) {
        StringBuilder body = new StringBuilder();
        int paragraphs = 3 + random.nextInt(6);
        for (int p = 0; p < paragraphs; p++) {
            if (p == 1) {
                body.append("Detective Inspector Sam Taylor said:\n\n> \u201c").append(SENTENCES[random.nextInt(SENTENCES.length)])
                        .append(" We are determined to keep ").append(place).append(" safe.\u201d\n\n");
            } else if (p == paragraphs - 1 && paragraphs > 4) {
                body.append("## What to do\n\n- Call 101 or report online\n- In an emergency, always call 999\n")
                        .append("- Keep any [dashcam or doorbell footage](https://www.example.police.uk/report)\n\n");
            } else {
                for (int s = 0; s < 2 + random.nextInt(3); s++) {
                    body.append(SENTENCES[random.nextInt(SENTENCES.length)]).append(' ');
                }
                body.append("\n\n");
            }
        }
        return body.toString().strip();
    }

    private static String capitalise(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
