import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ringorder.strategy.LinuxKernel;
import org.ringorder.strategy.Roles;
import org.ringorder.strategy.Safety;
import org.ringorder.strategy.Strategies;

/**
 * Writes the litmus tests: each template in {@code src/template} (one per shape or form) repeats
 * its block between {@code //@@ each strategy} and {@code //@@ end} once per strategy of
 * {@link Strategies#NAMES} and roles the shape runs under, as a nested class named after the
 * strategy's class ({@code AcquireLoad}; {@code AcquireLoadOverLinux} under userspace roles), with
 * the expectation and reason of {@link Safety}'s table. A shape of the kernel's side alone has one
 * userspace-roles class, {@code Linux}: the kernel model, whatever the VMM does. Run by the build (exec-maven-plugin, the
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
        for (Roles roles : s.roles()) {
            if (s.kernelsAlone(roles)) {
                emit(sb, block, "Linux", LinuxKernel.NAME, roles, "new LinuxKernel()", null, Safety.expect(LinuxKernel.NAME, roles, s));
                continue;
            }
            for (String strategy : Strategies.NAMES) {
                String cls = Strategies.byName(strategy).getClass().getSimpleName();
                String side = "Strategies.byName(\"" + strategy + "\")";
                emit(sb, block, roles == Roles.ALL ? cls : cls + "OverLinux", strategy, roles,
                        roles == Roles.ALL ? side : "new LinuxKernel()", side, Safety.expect(strategy, roles, s));
            }
        }
        tail.forEach(l -> sb.append(l).append('\n'));
        return sb.toString();
    }

    private static void emit(StringBuilder sb, List<String> block, String cls, String strategy, Roles roles, String kernel,
                             String vmm, Safety.Expectation e) {
        for (String l : block) {
            if (l.contains("@@vmm@@") && vmm == null) {
                throw new IllegalArgumentException(cls + ": a shape of the kernel's side alone has no VMM side to use");
            }
            sb.append(l.replace("@@Class@@", cls).replace("@@strategy@@", strategy).replace("@@roles@@", roles.name())
                    .replace("@@kernel@@", kernel).replace("@@vmm@@", vmm == null ? "null" : vmm)
                    .replace("@@expect@@", e.forbidden() ? "FORBIDDEN" : "ACCEPTABLE_INTERESTING")
                    .replace("@@reason@@", literal(e.reason()))).append('\n');
        }
    }

    static String literal(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
