package io.stowage.security.tls;

import org.bouncycastle.asn1.ASN1Object;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A TLS server's key material: the certificate chain, leaf first, and the private key of the leaf, read from PEM.
 *
 * <p>The certificate text holds one or more {@code CERTIFICATE} blocks; the key text holds one private key as PKCS#8
 * ({@code PRIVATE KEY}), SEC 1 ({@code EC PRIVATE KEY}, as {@code openssl ecparam -genkey} and cert-manager write it)
 * or PKCS#1 ({@code RSA PRIVATE KEY}, as {@code openssl genrsa} writes it); RSA, EC (P-256, P-384, P-521), Ed25519
 * and Ed448 keys. Other blocks in either text are ignored, so one file holding both certificate and key can be given
 * for both. The key must belong to the first certificate: a signature made with it must verify with the leaf's public
 * key.
 *
 * <p>Every refusal is an {@link IllegalArgumentException} whose message says what is wrong without repeating key
 * material; {@link #toString()} describes the certificate only.
 */
public final class TlsCredentials {

    /** Longer certificate files than this are refused: a chain is a few kilobytes. */
    public static final int MAX_CERTIFICATES_LENGTH = 1024 * 1024;
    /** Longer key files than this are refused: an RSA 16384-bit key is under 13 KiB of PEM. */
    public static final int MAX_KEY_LENGTH = 64 * 1024;

    private static final String CERTIFICATE = "CERTIFICATE";
    private static final String PKCS8 = "PRIVATE KEY";
    private static final String SEC1 = "EC PRIVATE KEY";
    private static final String PKCS1 = "RSA PRIVATE KEY";
    private static final String EC_PARAMETERS = "EC PARAMETERS";
    private static final String ENCRYPTED = "ENCRYPTED PRIVATE KEY";

    /** PKCS#8 algorithm identifiers → the JDK's key factory for them. */
    private static final Map<String, String> KEY_FACTORIES = Map.of(
            "1.2.840.113549.1.1.1", "RSA",
            "1.2.840.113549.1.1.10", "RSASSA-PSS",
            "1.2.840.10045.2.1", "EC",
            "1.3.101.112", "Ed25519",
            "1.3.101.113", "Ed448");

    private final List<X509Certificate> chain;
    private final PrivateKey privateKey;

    private TlsCredentials(List<X509Certificate> chain, PrivateKey privateKey) {
        this.chain = chain;
        this.privateKey = privateKey;
    }

    /** Parses both texts and checks that the key belongs to the leaf (see the class comment). */
    public static TlsCredentials fromPem(String certificatesPem, String privateKeyPem) {
        return of(certificates(certificatesPem), privateKey(privateKeyPem));
    }

    /** The key material, checked: {@code chain} non-empty, leaf first, and {@code privateKey} the leaf's key. */
    public static TlsCredentials of(List<X509Certificate> chain, PrivateKey privateKey) {
        if (chain == null || chain.isEmpty()) {
            throw new IllegalArgumentException("no certificate given");
        }
        if (privateKey == null) {
            throw new IllegalArgumentException("no private key given");
        }
        if (!belongsTo(privateKey, chain.getFirst().getPublicKey())) {
            for (int i = 1; i < chain.size(); i++) {
                if (belongsTo(privateKey, chain.get(i).getPublicKey())) {
                    throw new IllegalArgumentException("the private key belongs to certificate " + (i + 1) + " of "
                            + chain.size() + " in the certificate file; the chain must start with the key's own"
                            + " certificate (leaf first)");
                }
            }
            throw new IllegalArgumentException("the private key (" + describeKey(privateKey)
                    + ") does not match the certificate's public key (" + describeKey(chain.getFirst().getPublicKey())
                    + ", " + chain.getFirst().getSubjectX500Principal().getName() + ")");
        }
        return new TlsCredentials(List.copyOf(chain), privateKey);
    }

    /** The {@code CERTIFICATE} blocks of a PEM text, in order; other blocks are ignored. At least one is required. */
    public static List<X509Certificate> certificates(String pem) {
        List<X509Certificate> certificates = new ArrayList<>();
        List<PemBlocks.Block> blocks = PemBlocks.read(pem, "certificate file", MAX_CERTIFICATES_LENGTH);
        CertificateFactory factory = x509();
        for (PemBlocks.Block block : blocks) {
            if (!block.label().equals(CERTIFICATE)) {
                continue;
            }
            try {
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
            } catch (CertificateException | RuntimeException e) {
                // Certificates are public: the parser's own words may help, and carry nothing secret.
                throw new IllegalArgumentException("certificate file: certificate " + (certificates.size() + 1)
                        + " is not a valid X.509 certificate (" + e.getMessage() + ")");
            }
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("certificate file holds no CERTIFICATE block");
        }
        return certificates;
    }

    /**
     * The one private key of a PEM text: a {@code PRIVATE KEY}, {@code EC PRIVATE KEY} or {@code RSA PRIVATE KEY}
     * block (an {@code EC PARAMETERS} block may come with the second). Messages never repeat the key's content.
     */
    public static PrivateKey privateKey(String pem) {
        List<PemBlocks.Block> blocks = PemBlocks.read(pem, "key file", MAX_KEY_LENGTH);
        PemBlocks.Block key = null;
        ASN1ObjectIdentifier ecParameters = null;
        for (PemBlocks.Block block : blocks) {
            switch (block.label()) {
                case PKCS8, SEC1, PKCS1 -> {
                    if (key != null) {
                        throw new IllegalArgumentException("key file holds more than one private key");
                    }
                    key = block;
                }
                case EC_PARAMETERS -> ecParameters = namedCurve(block.der());
                case ENCRYPTED -> throw new IllegalArgumentException(
                        "key file holds an ENCRYPTED PRIVATE KEY; give the key without a passphrase");
                default -> {
                    // certificates and anything else beside the key
                }
            }
        }
        if (key == null) {
            throw new IllegalArgumentException("key file holds no PRIVATE KEY, EC PRIVATE KEY or RSA PRIVATE KEY block");
        }
        byte[] pkcs8 = switch (key.label()) {
            case SEC1 -> sec1ToPkcs8(key.der(), ecParameters);
            case PKCS1 -> pkcs1ToPkcs8(key.der());
            default -> key.der();
        };
        return pkcs8Key(pkcs8, key.label());
    }

    public List<X509Certificate> chain() {
        return chain;
    }

    public X509Certificate leaf() {
        return chain.getFirst();
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public Instant notAfter() {
        return leaf().getNotAfter().toInstant();
    }

    /**
     * A PKCS#12 key store in memory holding the key and chain under {@code alias}, protected by {@code password}:
     * what TLS servers such as Jetty take.
     */
    public KeyStore toKeyStore(String alias, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(alias, privateKey, password, chain.toArray(new X509Certificate[0]));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build an in-memory PKCS12 key store: " + e.getClass().getName());
        }
    }

    /** The leaf's SHA-256 fingerprint, upper-case hex pairs separated by colons, as browsers and openssl show it. */
    public String fingerprint() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(leaf().getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(hash);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint the certificate", e);
        }
    }

    /** The leaf's subject, serial number, expiry, key type and fingerprint: what an operator checks in a log line. */
    @Override
    public String toString() {
        X509Certificate leaf = leaf();
        return "subject=\"" + leaf.getSubjectX500Principal().getName() + "\" serial="
                + leaf.getSerialNumber().toString(16) + " notAfter=" + notAfter() + " key=" + describeKey(privateKey)
                + " chain=" + chain.size() + " sha256=" + fingerprint();
    }

    private static CertificateFactory x509() {
        try {
            return CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("every JDK reads X.509", e);
        }
    }

    private static PrivateKey pkcs8Key(byte[] pkcs8, String label) {
        String algorithm;
        try {
            algorithm = KEY_FACTORIES.get(PrivateKeyInfo.getInstance(pkcs8).getPrivateKeyAlgorithm().getAlgorithm().getId());
        } catch (RuntimeException e) {
            // BouncyCastle's words about malformed DER are not repeated: they might quote the bytes.
            throw new IllegalArgumentException("key file: the " + label + " block is not a valid private key");
        }
        if (algorithm == null) {
            throw new IllegalArgumentException("key file: the private key's algorithm is not supported (RSA, EC,"
                    + " Ed25519 and Ed448 are)");
        }
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("key file: the " + label + " block is not a valid " + algorithm
                    + " private key" + (algorithm.equals("EC") ? " (or its curve is not P-256, P-384 or P-521)" : ""));
        }
    }

    /** SEC 1 (RFC 5915) → PKCS#8, with the curve from the key itself or else from an {@code EC PARAMETERS} block. */
    private static byte[] sec1ToPkcs8(byte[] der, ASN1ObjectIdentifier parametersBlock) {
        ECPrivateKey key;
        ASN1Object parameters;
        try {
            key = ECPrivateKey.getInstance(der);
            parameters = key.getParametersObject();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("key file: the EC PRIVATE KEY block is not a valid SEC 1 key");
        }
        ASN1ObjectIdentifier curve;
        if (parameters == null) {
            curve = parametersBlock;
        } else if (parameters instanceof ASN1ObjectIdentifier named) {
            curve = named;
        } else {
            throw new IllegalArgumentException("key file: the EC PRIVATE KEY has explicit curve parameters; only"
                    + " named curves (P-256, P-384, P-521) are supported");
        }
        if (curve == null) {
            throw new IllegalArgumentException("key file: the EC PRIVATE KEY names no curve");
        }
        try {
            return new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve), key)
                    .getEncoded();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("key file: the EC PRIVATE KEY block is not a valid SEC 1 key");
        }
    }

    private static ASN1ObjectIdentifier namedCurve(byte[] der) {
        try {
            return ASN1ObjectIdentifier.getInstance(der);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("key file: the EC PARAMETERS block does not name a curve");
        }
    }

    /** PKCS#1 (RFC 8017) → PKCS#8. */
    private static byte[] pkcs1ToPkcs8(byte[] der) {
        try {
            RSAPrivateKey key = RSAPrivateKey.getInstance(der);
            return new PrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                    key).getEncoded();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("key file: the RSA PRIVATE KEY block is not a valid PKCS#1 key");
        }
    }

    /** Whether a signature made with {@code privateKey} verifies with {@code publicKey}. */
    private static boolean belongsTo(PrivateKey privateKey, PublicKey publicKey) {
        if (!family(privateKey.getAlgorithm()).equals(family(publicKey.getAlgorithm()))) {
            return false;
        }
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        try {
            String algorithm = signatureAlgorithm(privateKey);
            Signature signer = Signature.getInstance(algorithm);
            Signature verifier = Signature.getInstance(algorithm);
            AlgorithmParameterSpec parameters = signatureParameters(privateKey);
            if (parameters != null) {
                signer.setParameter(parameters);
                verifier.setParameter(parameters);
            }
            signer.initSign(privateKey);
            signer.update(challenge);
            byte[] signature = signer.sign();
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            // A key the signature cannot even be made or checked with (another curve, a broken key) does not match.
            return false;
        }
    }

    private static String family(String algorithm) {
        return switch (algorithm) {
            case "RSA", "RSASSA-PSS" -> "RSA";
            case "EC" -> "EC";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            default -> algorithm;
        };
    }

    private static String signatureAlgorithm(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "RSASSA-PSS" -> "RSASSA-PSS";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm(); // EdDSA, Ed25519, Ed448 sign without a separate hash
        };
    }

    private static AlgorithmParameterSpec signatureParameters(PrivateKey key) {
        if (!key.getAlgorithm().equals("RSASSA-PSS")) {
            return null;
        }
        if (key instanceof RSAKey rsa && rsa.getParams() instanceof PSSParameterSpec restricted) {
            return restricted;
        }
        return new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);
    }

    /** "EC P-256", "RSA 2048": what a mismatch message and the log line may say about a key. */
    private static String describeKey(Key key) {
        if (key instanceof ECKey ec) {
            return "EC " + ec.getParams().getCurve().getField().getFieldSize() + "-bit";
        }
        if (key instanceof RSAKey rsa) {
            return key.getAlgorithm() + " " + rsa.getModulus().bitLength() + "-bit";
        }
        return key.getAlgorithm();
    }
}
