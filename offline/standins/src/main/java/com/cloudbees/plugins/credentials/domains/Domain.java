package com.cloudbees.plugins.credentials.domains;

import java.io.Serializable;

/** Stand-in of credentials' {@code Domain}. */
public class Domain implements Serializable {
    private static final long serialVersionUID = 1L;

    private Domain() {}

    public static Domain global() {
        throw new UnsupportedOperationException("stand-in");
    }
}
