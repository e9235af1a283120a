package io.jenkins.plugins.k6cloud.simulator;

import java.io.PrintStream;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator until Ctrl-C, with one load test per scenario, so that a real Jenkins ({@code mvn hpi:run}) or the
 * command line can be pointed at it ({@link Options#usage()}).
 */
public final class K6CloudSimulatorMain {
    private K6CloudSimulatorMain() {}

    /** The parsed command line. */
    record Options(int port, String token, double speed, boolean demo) {
        static Options parse(String... args) {
            int port = 0;
            String token = K6CloudSimulator.DEFAULT_TOKEN;
            double speed = 1;
            boolean demo = false;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--port" -> port = (int) number(a, value(args, ++i, a), true);
                    case "--token" -> token = value(args, ++i, a);
                    case "--speed" -> speed = number(a, value(args, ++i, a), false);
                    case "--demo" -> demo = true;
                    default -> throw new IllegalArgumentException("Unknown option " + a + "; usage: " + usage());
                }
            }
            return new Options(port, token, speed, demo);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length || args[i].isBlank()) {
                throw new IllegalArgumentException(option + " needs a value; usage: " + usage());
            }
            return args[i];
        }

        private static double number(String option, String v, boolean whole) {
            try {
                return whole ? Integer.parseInt(v) : Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " must be "
                        + (whole ? "a whole number" : "a number such as 10") + ", not \"" + v + "\"");
            }
        }

        static String usage() {
            return "K6CloudSimulatorMain [--port N (default 0: any free port)] [--token T (default "
                    + K6CloudSimulator.DEFAULT_TOKEN + ")] [--speed F (simulated seconds per real second, default 1)]"
                    + " [--demo (runs of about 15 s instead of about 45 s)]";
        }
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Clock clock = o.speed() == 1 ? Clock.systemUTC() : new ScaledClock(Clock.systemUTC(), o.speed());
        K6CloudSimulator sim = K6CloudSimulator.builder()
                .clock(clock)
                .port(o.port())
                .token(o.token())
                .journalMode(JournalMode.bounded(10_000))
                .start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            sim.close();
                            stopped.countDown();
                        },
                        "k6-sim-shutdown"));
        describe(sim, o, System.out);
        stopped.await();
    }

    static void describe(K6CloudSimulator sim, Options o, PrintStream out) {
        out.println("k6 Cloud simulator (API v2 and v6) at " + sim.baseUrl());
        out.println("token: " + o.token() + "   (v2: Authorization: Token <token>; v6: Authorization: Bearer <token>"
                + " and X-Stack-Id: " + sim.stackId() + ")");
        out.println("speed: x" + o.speed() + (o.demo() ? ", demo timings" : ", standard timings"));
        out.println("load tests:");
        for (String name : Scenarios.names()) {
            Scenario s = Scenarios.byName(name);
            if (o.demo()) {
                s = s.withTimings(SimulatedK6Cloud.demoTimings(s));
            }
            long id = sim.addLoadTest(name, s);
            out.printf("  %6d  %s%n", id, name);
        }
        out.println("web app: " + sim.webAppUrl() + "/runs/{id}");
        out.println("Ctrl-C to stop.");
        out.flush();
    }
}
