package io.stowage.security.token;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;

/** NIST P-256, the curve of ES256. */
final class Curves {

    static final ECParameterSpec P256 = p256();
    static final int P256_COORDINATE_BYTES = 32;

    private Curves() {
    }

    static boolean isP256(ECParameterSpec spec) {
        return spec != null && spec.getCurve().equals(P256.getCurve()) && spec.getGenerator().equals(P256.getGenerator())
                && spec.getOrder().equals(P256.getOrder()) && spec.getCofactor() == P256.getCofactor();
    }

    /**
     * Whether {@code point} satisfies y² = x³ + ax + b over P-256's field. The JDK's key factory does not check
     * this, and a public key off the curve must not be accepted from a JWKS.
     */
    static boolean isOnP256(ECPoint point) {
        if (point == null || point.equals(ECPoint.POINT_INFINITY)) {
            return false;
        }
        BigInteger p = ((ECFieldFp) P256.getCurve().getField()).getP();
        BigInteger x = point.getAffineX();
        BigInteger y = point.getAffineY();
        if (x.signum() < 0 || x.compareTo(p) >= 0 || y.signum() < 0 || y.compareTo(p) >= 0) {
            return false;
        }
        BigInteger left = y.multiply(y).mod(p);
        BigInteger right = x.pow(3).add(P256.getCurve().getA().multiply(x)).add(P256.getCurve().getB()).mod(p);
        return left.equals(right);
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has P-256", e);
        }
    }
}
