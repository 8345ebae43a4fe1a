package io.stowage.image;

import java.util.Map;

/**
 * Command line entry point: builds the Stowage image from a jar and pushes it to a registry or writes an OCI
 * archive; see {@link BuildOptions#USAGE}. {@code deploy/build-image.sh} runs it with the classpath that the
 * module's build writes to {@code target/classpath.txt}.
 */
public final class ContainerImageBuilder {

    private ContainerImageBuilder() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.getenv()));
    }

    static int run(String[] args, Map<String, String> environment) throws Exception {
        BuildOptions options;
        try {
            options = BuildOptions.parse(args);
        } catch (BuildOptions.UsageException e) {
            System.err.println("error: " + e.getMessage() + "\n\n" + BuildOptions.USAGE);
            return 2;
        }
        try (ImageRecipe recipe = ImageRecipe.forJar(options.jar(), options.version())) {
            options.source().ifPresent(recipe::source);
            String digest = recipe.containerize(ImageTarget.containerizer(options, environment, System.err));
            System.out.println(digest);
            return 0;
        } catch (BuildOptions.UsageException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
    }
}
