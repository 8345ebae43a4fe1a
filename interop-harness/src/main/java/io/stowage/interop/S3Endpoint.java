package io.stowage.interop;

/**
 * The S3 service the scale-out tests use, from the variables {@code ../shared/s3/ceph-rgw-up.sh} prints (and
 * {@code .ci/run} exports). Missing variables are a failure, never a skip: the tests would prove nothing.
 */
public record S3Endpoint(String endpoint, String region, String accessKey, String secretKey) {

    public static S3Endpoint fromEnvironment() {
        return new S3Endpoint(required("S3_ENDPOINT"), System.getenv().getOrDefault("S3_REGION", "us-east-1"),
                required("S3_ACCESS_KEY"), required("S3_SECRET_KEY"));
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: run the tests through .ci/run, or start Ceph first"
                    + " with eval \"$(../shared/s3/ceph-rgw-up.sh)\"");
        }
        return value;
    }

    @Override
    public String toString() {
        return "S3Endpoint[" + endpoint + ", region " + region + "]";
    }
}
