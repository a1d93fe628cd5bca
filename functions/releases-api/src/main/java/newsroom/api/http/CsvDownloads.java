package newsroom.api.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** A record to keep, as a CSV download (RFC 4180), never stored by a cache. */
final class CsvDownloads {
    private CsvDownloads() {
    }

    /** Writes the rows of a download. */
    interface Rows {
        void write(CSVPrinter out) throws IOException;
    }

    static APIGatewayV2HTTPResponse of(String fileName, List<String> header, Rows rows) {
        StringBuilder csv = new StringBuilder();
        try (CSVPrinter out = new CSVPrinter(csv, CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").build())) {
            out.printRecord(header);
            rows.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withHeaders(Map.of("Content-Type", "text/csv; charset=utf-8",
                        "Content-Disposition", "attachment; filename=\"" + fileName + "\"",
                        "Cache-Control", "no-store"))
                .withBody(csv.toString()).build();
    }

    /** A cell a spreadsheet will not run as a formula (a value from SES or a user agent could start with "="). */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }
}
