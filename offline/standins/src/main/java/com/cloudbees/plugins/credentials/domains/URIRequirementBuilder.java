package com.cloudbees.plugins.credentials.domains;

import java.util.List;

/** Stand-in of credentials' {@code com.cloudbees.plugins.credentials.domains.URIRequirementBuilder}. */
public class URIRequirementBuilder {
    private URIRequirementBuilder() {}

    public static URIRequirementBuilder fromUri(String uri) {
        return new URIRequirementBuilder();
    }

    public List<DomainRequirement> build() {
        return List.of();
    }
}
