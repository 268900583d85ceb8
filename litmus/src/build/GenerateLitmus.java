import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ringorder.strategy.Safety;
import org.ringorder.strategy.Strategies;

/**
 * Writes the litmus tests: each template in {@code src/template} (one per shape) repeats its block
 * between {@code //@@ each strategy} and {@code //@@ end} once per strategy of
 * {@link Strategies#NAMES}, as a nested class named after the strategy's class, with the
 * expectation and reason of {@link Safety}'s table. Run by the build (exec-maven-plugin, the
 * strategies module on the classpath), before compilation:
 *
 * <pre>java -cp STRATEGIES GenerateLitmus.java TEMPLATE_DIR OUT_DIR</pre>
 */
public final class GenerateLitmus {
    public static void main(String[] args) throws IOException {
        Path templates = Path.of(args[0]);
        Path out = Path.of(args[1]).resolve("org/ringorder/litmus");
        Files.createDirectories(out);
        try (var files = Files.list(templates)) {
            for (Path t : files.filter(f -> f.toString().endsWith(".java.tmpl")).sorted().toList()) {
                String name = t.getFileName().toString().replace(".java.tmpl", "");
                Files.writeString(out.resolve(name + ".java"), expand(Files.readAllLines(t), t.getFileName().toString()));
            }
        }
    }

    static String expand(List<String> lines, String template) {
        String shape = null;
        List<String> head = new ArrayList<>();
        List<String> block = new ArrayList<>();
        List<String> tail = new ArrayList<>();
        List<String> into = head;
        for (String line : lines) {
            String t = line.strip();
            if (t.startsWith("//@@ shape ")) {
                shape = t.substring("//@@ shape ".length()).strip();
            } else if (t.equals("//@@ each strategy")) {
                into = block;
            } else if (t.equals("//@@ end")) {
                into = tail;
            } else {
                into.add(line);
            }
        }
        if (shape == null || block.isEmpty()) {
            throw new IllegalArgumentException(template + ": needs //@@ shape ID and an //@@ each strategy ... //@@ end block");
        }
        Safety.Shape s = Safety.Shape.byId(shape);
        StringBuilder sb = new StringBuilder("// Generated from litmus/src/template/" + template + " by litmus/src/build/GenerateLitmus.java:"
                + " edit the template, not this file.\n");
        head.forEach(l -> sb.append(l).append('\n'));
        for (String strategy : Strategies.NAMES) {
            Safety.Expectation e = Safety.expect(strategy, s);
            String cls = Strategies.byName(strategy).getClass().getSimpleName();
            for (String l : block) {
                sb.append(l.replace("@@Class@@", cls).replace("@@flag@@", strategy)
                        .replace("@@expect@@", e.forbidden() ? "FORBIDDEN" : "ACCEPTABLE_INTERESTING")
                        .replace("@@reason@@", literal(e.reason()))).append('\n');
            }
        }
        tail.forEach(l -> sb.append(l).append('\n'));
        return sb.toString();
    }

    static String literal(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
