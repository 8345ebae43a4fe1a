package io.stowage.image;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.spi.ToolProvider;

/**
 * Runs a JDK tool (jdeps, jlink) in this JVM through {@link ToolProvider}: the runtime it makes is then exactly the
 * JDK running the build, and there is no binary to find on the PATH.
 */
final class JdkTool {

    private final ToolProvider tool;

    private JdkTool(ToolProvider tool) {
        this.tool = tool;
    }

    static JdkTool named(String name) {
        return new JdkTool(ToolProvider.findFirst(name).orElseThrow(() -> new IllegalStateException(
                "the JDK tool " + name + " is not available: build the image with a full JDK, not a JRE ("
                        + System.getProperty("java.home") + ")")));
    }

    /** Runs the tool and returns what it printed; a non-zero exit is an exception carrying all of its output. */
    String run(List<String> arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = tool.run(new PrintWriter(out, true), new PrintWriter(err, true), arguments.toArray(String[]::new));
        if (exit != 0) {
            throw new IllegalStateException(tool.name() + " " + String.join(" ", arguments) + " exited with " + exit
                    + ":\n" + out + err);
        }
        return out.toString();
    }
}
