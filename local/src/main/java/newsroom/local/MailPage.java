package newsroom.local;

import java.util.List;
import newsroom.local.emulator.SentEmail;
import newsroom.render.Html;

/** The /_local/mail page: every email SES accepted, newest first, so a developer can read them. */
final class MailPage {
    private MailPage() {
    }

    static String render(List<SentEmail> emails, String localKey) {
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en-GB"><head><meta charset="utf-8"><title>Sent email (local)</title>
                <style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem}
                article{border:1px solid #b1b4b6;margin:1rem 0;padding:.5rem 1rem}
                pre{white-space:pre-wrap}</style></head><body><main>
                <h1>Sent email</h1>
                """);
        html.append("<p>").append(emails.size()).append(emails.size() == 1 ? " email" : " emails")
                .append(" sent through SES in this local stack. As JSON: <a href=\"/_local/mail.json?key=")
                .append(Html.escape(localKey)).append("\">/_local/mail.json</a>.</p>\n");
        for (int i = emails.size() - 1; i >= 0; i--) {
            SentEmail email = emails.get(i);
            html.append("<article><h2>").append(Html.escape(email.subject())).append("</h2>")
                    .append("<p>To: ").append(Html.escape(String.join(", ", email.to())))
                    .append("<br>From: ").append(Html.escape(email.from()))
                    .append("<br>Message id: ").append(Html.escape(email.messageId())).append("</p>")
                    .append("<details><summary>Plain text</summary><pre>").append(Html.escape(email.text()))
                    .append("</pre></details></article>\n");
        }
        return html.append("</main></body></html>\n").toString();
    }

}
