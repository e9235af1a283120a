package hudson.remoting;

/** Stand-in of remoting's {@code hudson.remoting.Channel} (named by {@code Launcher.launchChannel}). */
public class Channel {
    private Channel() {}
}
