/**
 * TLS key material from PEM: {@link io.stowage.security.tls.TlsCredentials} turns the text of a certificate file
 * (the chain, leaf first) and of a key file (PKCS#8, SEC 1 or PKCS#1) into a checked chain and private key, and
 * into the in-memory PKCS#12 key store a TLS server takes. Reading the files, watching them for changes and serving
 * TLS are the HTTP layer's job.
 */
package io.stowage.security.tls;
