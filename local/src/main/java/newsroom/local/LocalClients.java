package newsroom.local;

import java.net.URI;
import java.util.Optional;
import newsroom.aws.AwsClients;
import newsroom.aws.SesMailer;
import newsroom.config.AwsSettings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The SDK clients the local runtime and the tests share, all pointed at the emulator. */
public record LocalClients(AwsSettings settings, DynamoDbClient dynamo, DynamoDbStreamsClient streams, S3Client s3,
                           SqsClient sqs, SesV2Client ses, CloudFrontClient cloudFront,
                           CloudFormationClient cloudFormation, LambdaClient lambda,
                           SecretsManagerClient secrets) implements AutoCloseable {

    public static final Region REGION = Region.EU_WEST_2;

    public static LocalClients forEndpoint(URI endpoint) {
        AwsSettings settings = new AwsSettings(REGION, Optional.of(endpoint),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
        return new LocalClients(settings,
                AwsClients.build(DynamoDbClient.builder(), settings),
                AwsClients.build(DynamoDbStreamsClient.builder(), settings),
                AwsClients.build(S3Client.builder().forcePathStyle(true), settings),
                AwsClients.build(SqsClient.builder(), settings),
                SesMailer.client(settings), // as the functions send: no SDK retries of a send
                // CloudFront is a global service, signed for us-east-1 whatever the stack's region.
                AwsClients.build(CloudFrontClient.builder(), new AwsSettings(Region.AWS_GLOBAL, settings.endpoint(),
                        settings.credentials())),
                AwsClients.build(CloudFormationClient.builder(), settings),
                AwsClients.build(LambdaClient.builder(), settings),
                AwsClients.build(SecretsManagerClient.builder(), settings));
    }

    @Override
    public void close() {
        dynamo.close();
        streams.close();
        s3.close();
        sqs.close();
        ses.close();
        cloudFront.close();
        cloudFormation.close();
        lambda.close();
        secrets.close();
    }
}
