package io.stowage.security.tls;

import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/**
 * A throwaway certificate authority for TLS tests, and server certificates it issues for {@code localhost} and
 * {@code 127.0.0.1}, with their keys in every PEM form {@link TlsCredentials} reads. Built with BouncyCastle's
 * certificate builder (test scope only); shipped in this module's test-jar for the HTTP and interop tests.
 */
public final class TestCertificates {

    public enum KeyType { EC_P256, RSA_2048 }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair authorityKeys;
    private final X509Certificate authority;

    private TestCertificates(KeyPair authorityKeys, X509Certificate authority) {
        this.authorityKeys = authorityKeys;
        this.authority = authority;
    }

    /** A new self-signed CA (EC P-256) named {@code name}, valid from an hour ago for 30 days. */
    public static TestCertificates newAuthority(String name) {
        KeyPair keys = generate(KeyType.EC_P256);
        X500Name subject = new X500Name("O=Stowage tests,CN=" + name);
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, randomSerial(),
                    Date.from(Instant.now().minus(Duration.ofHours(1))),
                    Date.from(Instant.now().plus(Duration.ofDays(30))), subject, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()));
            return new TestCertificates(keys, sign(builder, keys, KeyType.EC_P256));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public X509Certificate authority() {
        return authority;
    }

    public String authorityPem() {
        return pem(authority);
    }

    /** A server certificate for {@code localhost} and {@code 127.0.0.1} with a fresh key and a random serial. */
    public Leaf issue(KeyType type) {
        return issue(type, generate(type), randomSerial());
    }

    /** A server certificate for {@code localhost} and {@code 127.0.0.1} over the given key. */
    public Leaf issue(KeyType type, KeyPair keys, BigInteger serial) {
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            int usage = type == KeyType.RSA_2048 ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment
                    : KeyUsage.digitalSignature;
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(authority, serial,
                    Date.from(Instant.now().minus(Duration.ofHours(1))),
                    Date.from(Instant.now().plus(Duration.ofDays(7))),
                    new X500Name("O=Stowage tests,CN=localhost"), keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(usage))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[]{
                            new GeneralName(GeneralName.dNSName, "localhost"),
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1")}))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(authority));
            return new Leaf(sign(builder, authorityKeys, KeyType.EC_P256), keys, authority, type);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client TLS context that trusts this authority only. */
    public SSLContext clientContext() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", authority);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A server certificate, its key pair and the authority that issued it. */
    public record Leaf(X509Certificate certificate, KeyPair keyPair, X509Certificate authority, KeyType type) {

        public BigInteger serial() {
            return certificate.getSerialNumber();
        }

        /** The leaf alone. */
        public String certificatePem() {
            return pem(certificate);
        }

        /** The leaf, then the authority: what a certificate file usually holds. */
        public String chainPem() {
            return pem(certificate) + pem(authority);
        }

        public List<X509Certificate> chain() {
            return List.of(certificate, authority);
        }

        /** {@code PRIVATE KEY} (PKCS#8), as {@code openssl genpkey} writes it. */
        public String pkcs8Pem() {
            return pem("PRIVATE KEY", keyPair.getPrivate().getEncoded());
        }

        /**
         * The key in the older form: {@code EC PRIVATE KEY} (SEC 1) for EC, as {@code openssl ecparam -genkey} and
         * cert-manager write it, or {@code RSA PRIVATE KEY} (PKCS#1) for RSA, as {@code openssl genrsa} does.
         */
        public String traditionalPem() {
            try {
                PrivateKeyInfo info = PrivateKeyInfo.getInstance(keyPair.getPrivate().getEncoded());
                if (type == KeyType.RSA_2048) {
                    return pem("RSA PRIVATE KEY", info.parsePrivateKey().toASN1Primitive().getEncoded());
                }
                // As openssl writes it: with the curve and the public key, which the JDK's PKCS#8 leaves out.
                ECPrivateKey ec = (ECPrivateKey) keyPair.getPrivate();
                ASN1BitString publicKey = SubjectPublicKeyInfo.getInstance(keyPair.getPublic().getEncoded())
                        .getPublicKeyData();
                return pem("EC PRIVATE KEY", new org.bouncycastle.asn1.sec.ECPrivateKey(256, ec.getS(), publicKey,
                        info.getPrivateKeyAlgorithm().getParameters()).getEncoded());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public static KeyPair generate(KeyType type) {
        try {
            if (type == KeyType.EC_P256) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                return generator.generateKeyPair();
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(X509Certificate certificate) {
        try {
            return pem("CERTIFICATE", certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer, KeyType signerType)
            throws Exception {
        String algorithm = signerType == KeyType.EC_P256 ? "SHA256withECDSA" : "SHA256withRSA";
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder(algorithm).build(signer.getPrivate())));
    }

    private static BigInteger randomSerial() {
        return new BigInteger(63, RANDOM).add(BigInteger.ONE);
    }
}
