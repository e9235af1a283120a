package io.jenkins.plugins.casc.misc;

/** Stand-in of configuration-as-code's test {@code JenkinsConfiguredWithCodeRule}: applies {@link ConfiguredWithCode}. */
public class JenkinsConfiguredWithCodeRule extends JenkinsConfiguredRule {}
