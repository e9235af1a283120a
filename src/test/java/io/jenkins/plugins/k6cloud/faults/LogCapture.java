package io.jenkins.plugins.k6cloud.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Every java.util.logging record of the plugin and of OkHttp, at every level (FINE included, so
 * that debug logging cannot leak the token either), formatted as a log file would show it.
 */
final class LogCapture implements AutoCloseable {
    private static final String[] LOGGERS = {"io.jenkins.plugins.k6cloud", "okhttp3"};

    private final List<Logger> loggers = new ArrayList<>();
    private final List<Level> levels = new ArrayList<>();
    private final List<String> records = new ArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String text = formatter.format(record);
            synchronized (records) {
                records.add(text);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    LogCapture() {
        handler.setLevel(Level.ALL);
        for (String name : LOGGERS) {
            Logger l = Logger.getLogger(name);
            loggers.add(l);
            levels.add(l.getLevel());
            l.setLevel(Level.ALL);
            l.addHandler(handler);
        }
    }

    List<String> records() {
        synchronized (records) {
            return new ArrayList<>(records);
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < loggers.size(); i++) {
            loggers.get(i).removeHandler(handler);
            loggers.get(i).setLevel(levels.get(i));
        }
    }
}
