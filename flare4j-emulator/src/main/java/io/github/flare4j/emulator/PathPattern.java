package io.github.flare4j.emulator;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Which paths (without query) a {@link RouteTable} entry answers: a glob in which {@code *} stands for
 * any characters but {@code /} and {@code **} for any characters at all, optionally narrowed by a
 * further condition. Everything else is literal.
 */
final class PathPattern {

    private final String text;
    private final Pattern regex;
    private final Predicate<String> condition;

    private PathPattern(String text, Pattern regex, Predicate<String> condition) {
        this.text = text;
        this.regex = regex;
        this.condition = condition;
    }

    /** A glob, e.g. {@code /api/models} or {@code /client/v4/accounts/**}. */
    static PathPattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        int literalFrom = 0;
        for (int i = 0; i < glob.length(); i++) {
            if (glob.charAt(i) == '*') {
                regex.append(Pattern.quote(glob.substring(literalFrom, i)));
                boolean twice = i + 1 < glob.length() && glob.charAt(i + 1) == '*';
                regex.append(twice ? ".*" : "[^/]*");
                i += twice ? 1 : 0;
                literalFrom = i + 1;
            }
        }
        regex.append(Pattern.quote(glob.substring(literalFrom)));
        return new PathPattern(glob, Pattern.compile(regex.toString(), Pattern.DOTALL), path -> true);
    }

    /** This pattern, matching only the paths that also meet {@code condition} (described by {@code description}). */
    PathPattern and(Predicate<String> condition, String description) {
        return new PathPattern(text + " and " + description, regex, this.condition.and(condition));
    }

    boolean matches(String path) {
        return regex.matcher(path).matches() && condition.test(path);
    }

    @Override
    public String toString() {
        return text;
    }
}
