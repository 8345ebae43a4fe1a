package io.stowage.server;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GroupFlushOutputStreamTest {

    /** Collects what reaches the output, counting the writes. */
    private static final class Sink extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int writes;

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
            writes++;
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            writes++;
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyLineOfEveryThreadArrivesWholeAndInItsThreadsOrder() throws Exception {
        Sink sink = new Sink();
        GroupFlushOutputStream out = new GroupFlushOutputStream(sink);
        int threads = 4;
        int lines = 2_000;
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            writers.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < lines; i++) {
                    byte[] line = ("t" + id + " " + i + "\n").getBytes(StandardCharsets.UTF_8);
                    try {
                        out.write(line, 0, line.length);
                        out.flush();
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                }
            }));
        }
        for (Thread writer : writers) {
            writer.join();
        }
        out.close();

        int[] next = new int[threads];
        for (String line : sink.text().split("\n")) {
            String[] parts = line.split(" ");
            int id = Integer.parseInt(parts[0].substring(1));
            assertThat(Integer.parseInt(parts[1])).isEqualTo(next[id]++);
        }
        assertThat(next).containsOnly(lines);
        assertThat(sink.writes).as("lines gathered into fewer writes").isLessThan(threads * lines);
    }

    @Test
    void whatIsWrittenAfterCloseGoesStraightThrough() throws IOException {
        Sink sink = new Sink();
        GroupFlushOutputStream out = new GroupFlushOutputStream(sink);
        out.write("before\n".getBytes(StandardCharsets.UTF_8));
        out.close();
        assertThat(sink.text()).isEqualTo("before\n");

        out.write("stopped\n".getBytes(StandardCharsets.UTF_8));

        assertThat(sink.text()).isEqualTo("before\nstopped\n");
    }

    @Test
    void aLineReachesTheOutputWithoutAnyoneClosing() throws Exception {
        Sink sink = new Sink();
        GroupFlushOutputStream out = new GroupFlushOutputStream(sink);
        out.write("listening\n".getBytes(StandardCharsets.UTF_8));
        out.flush();

        for (int i = 0; i < 10_000 && sink.text().isEmpty(); i++) {
            Thread.sleep(1);
        }
        assertThat(sink.text()).isEqualTo("listening\n");
    }
}
