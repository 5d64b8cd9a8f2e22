package org.jiedao.hub.routes.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificates a webhook trusts, from a PEM file (RFC 7468 {@code CERTIFICATE} blocks of X.509 certificates,
 * RFC 5280): the partner's own certificate, or the CA that issued it. {@link #sslContext} makes a TLS context that
 * trusts those and nothing else (not the JDK's CA list), with the JDK's PKIX checks (validity, chain, key usage).
 */
public final class PemTrust {
    private PemTrust() {
    }

    /**
     * @param file a PEM file with one or more certificates
     * @return its certificates, in file order (at least one)
     * @throws IllegalArgumentException if the file cannot be read, is not PEM-encoded X.509, or holds no certificate;
     *                                  the message names the file
     */
    public static List<X509Certificate> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("trust file " + file + " does not exist");
        }
        List<X509Certificate> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                out.add((X509Certificate) c);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read trust file " + file + ": " + e.getMessage(), e);
        } catch (CertificateException e) {
            throw new IllegalArgumentException("trust file " + file + " is not a PEM certificate (-----BEGIN CERTIFICATE-----): "
                    + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("trust file " + file + " holds no certificate (-----BEGIN CERTIFICATE-----)");
        }
        return List.copyOf(out);
    }

    /**
     * @param trusted the only certificates to trust, as trust anchors
     * @return a TLS context (the JDK's default TLS versions, 1.2 and 1.3) whose peers must chain to one of them
     * @throws IllegalStateException if the JDK cannot make the context
     */
    public static SSLContext sslContext(List<X509Certificate> trusted) {
        try {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            for (int i = 0; i < trusted.size(); i++) {
                anchors.setCertificateEntry("trusted-" + i, trusted.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(anchors);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            return tls;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make a TLS context: " + e.getMessage(), e);
        }
    }
}
