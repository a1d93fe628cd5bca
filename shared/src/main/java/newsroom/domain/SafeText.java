package newsroom.domain;

/**
 * Text the press office or the public may give us must be text that can be stored, put in XML
 * (feeds, sitemaps) and sent by email: no control characters other than tab, line feed and
 * carriage return, no unpaired surrogates (they cannot be encoded as UTF-8), and not the
 * noncharacters U+FFFE and U+FFFF (which XML forbids).
 */
public final class SafeText {
    public static final String PROBLEM =
            "must not contain control characters (other than tab and line breaks) or unpaired surrogates";

    private SafeText() {
    }

    public static boolean isSafe(String text) {
        if (text == null) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
            if (c == '\uFFFE' || c == '\uFFFF') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
