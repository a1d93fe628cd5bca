package newsroom.feedback;

import newsroom.config.AwsSettings;
import newsroom.config.EnvVars;

/** Everything the ses-feedback function is configured with. */
public record SesFeedbackConfig(AwsSettings aws, String tableName, String recordsTable) {

    /** Without a records table of its own, the records are kept in the table. */
    public SesFeedbackConfig {
        recordsTable = recordsTable == null ? tableName : recordsTable;
    }

    public static SesFeedbackConfig from(EnvVars env) {
        return new SesFeedbackConfig(AwsSettings.from(env), env.required(EnvVars.TABLE_NAME),
                env.optional(EnvVars.RECORDS_TABLE_NAME).orElse(null));
    }
}
