package io.jenkins.plugins.k6cloud.testing;

import io.jenkins.plugins.k6cloud.api.ScriptSource;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

/** A k6 script held in memory (tests only), shown as {@code load/<name>}; counts how often it is opened. */
public class InMemoryScript implements ScriptSource {
    public final byte[] bytes;
    public final AtomicInteger opens = new AtomicInteger();
    private final String name;

    public InMemoryScript(String name, String text) {
        this(name, text.getBytes(StandardCharsets.UTF_8));
    }

    public InMemoryScript(String name, byte[] bytes) {
        this.name = name;
        this.bytes = bytes.clone();
    }

    @Override
    public String fileName() {
        return name;
    }

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public InputStream open() {
        opens.incrementAndGet();
        return new ByteArrayInputStream(bytes);
    }

    /** The SHA-256 of the script, in lowercase hex (as the simulator journals it). */
    public String sha256() throws GeneralSecurityException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Override
    public String toString() {
        return "load/" + name;
    }
}
