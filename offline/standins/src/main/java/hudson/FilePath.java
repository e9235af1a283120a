package hudson;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Stand-in of jenkins-core's {@code hudson.FilePath} (named by {@link Launcher}'s abstract methods),
 * with the members the plugin reads a workspace file and writes one with. A local path only; the
 * real class also reaches agents. As in core, {@link #write(String, String)} creates the missing
 * parent directories, and {@link #child} resolves a relative path against this one.
 */
public final class FilePath {
    private final File file;

    public FilePath(File localPath) {
        this.file = localPath;
    }

    public FilePath child(String relOrAbsolute) {
        File f = new File(relOrAbsolute);
        return new FilePath(f.isAbsolute() ? f : new File(file, relOrAbsolute));
    }

    public String getRemote() {
        return file.getPath();
    }

    public String getName() {
        return file.getName();
    }

    public boolean exists() throws IOException, InterruptedException {
        return file.exists();
    }

    public boolean isDirectory() throws IOException, InterruptedException {
        return file.isDirectory();
    }

    public long length() throws IOException, InterruptedException {
        return file.length();
    }

    public InputStream read() throws IOException, InterruptedException {
        return new FileInputStream(file);
    }

    public void write(String content, String encoding) throws IOException, InterruptedException {
        mkdirs(file.getAbsoluteFile().getParentFile());
        Path p = file.toPath();
        Files.writeString(p, content, encoding == null ? Charset.defaultCharset() : Charset.forName(encoding));
    }

    private static void mkdirs(File dir) throws IOException {
        if (dir != null) {
            Files.createDirectories(dir.toPath());
        }
    }

    @Override
    public String toString() {
        return getRemote();
    }
}
