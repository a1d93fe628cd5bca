package newsroom.api.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import newsroom.render.Html;

/** The few HTML pages the public sees from the API: confirming a subscription, unsubscribing. */
final class PublicPages {
    private PublicPages() {
    }

    static APIGatewayV2HTTPResponse page(int status, String siteName, String title, String paragraph,
                                         String formAction, String token, String button) {
        return page(status, siteName, title, paragraph, formAction, token, button, "");
    }

    /** The same, with form fields (already HTML, made from our own words only) before the button. */
    static APIGatewayV2HTTPResponse page(int status, String siteName, String title, String paragraph,
                                         String formAction, String token, String button, String fields) {
        StringBuilder html = new StringBuilder()
                .append("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"robots\" content=\"noindex\">\n")
                .append("<title>").append(Html.escape(title)).append(" | ").append(Html.escape(siteName)).append("</title>\n")
                .append("<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;")
                .append("color:#0b0c0c;line-height:1.5}button{font:inherit;padding:.5rem 1rem;background:#00703c;")
                .append("color:#fff;border:0}button:focus,input:focus{outline:3px solid #fd0}")
                .append("fieldset{border:0;padding:0;margin:0 0 1rem}legend{font-weight:bold}")
                .append(".choice{margin:.25rem 0}</style>\n</head>\n<body>\n<main>\n")
                .append("<h1>").append(Html.escape(title)).append("</h1>\n<p>").append(Html.escape(paragraph)).append("</p>\n");
        if (formAction != null) {
            html.append("<form method=\"post\" action=\"").append(Html.escape(formAction)).append("?token=")
                    .append(Html.escape(token)).append("\">\n").append(fields).append("<button type=\"submit\">").append(Html.escape(button))
                    .append("</button>\n</form>\n");
        }
        html.append("</main>\n</body>\n</html>\n");
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "text/html; charset=utf-8", "Cache-Control", "no-store",
                        "Referrer-Policy", "no-referrer"))
                .withBody(html.toString()).build();
    }

}
