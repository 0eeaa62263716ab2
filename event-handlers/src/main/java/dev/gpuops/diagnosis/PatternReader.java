package dev.gpuops.diagnosis;

import dev.gpuops.yaml.YamlTree;
import dev.gpuops.event.Verb;
import dev.gpuops.runbook.action.Evidence;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * Builds {@link FailurePattern}s from a schema-valid tree and runs the cross-checks a schema cannot express:
 * regexes compile, are safe and have a prefilter literal; {@code in} kinds are within {@code where}; the remediation
 * names a known verb and only variables the pattern can fill.
 */
final class PatternReader {

    private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    private final YamlTree tree;

    PatternReader(YamlTree tree) {
        this.tree = tree;
    }

    List<FailurePattern> patterns() {
        List<FailurePattern> out = new ArrayList<>();
        JsonNode list = tree.root().get("patterns");
        for (int i = 0; i < list.size(); i++) {
            out.add(pattern(list.get(i), YamlTree.item("patterns", i)));
        }
        return out;
    }

    private FailurePattern pattern(JsonNode node, String path) {
        Set<Evidence.Kind> where = kinds(node.get("where"));
        String matchPath = YamlTree.child(path, "match");
        JsonNode match = node.get("match");
        List<Rule> any = rules(match.get("any"), YamlTree.child(matchPath, "any"), where);
        List<Rule> all = rules(match.get("all"), YamlTree.child(matchPath, "all"), where);
        List<Rule> support = rules(match.get("support"), YamlTree.child(matchPath, "support"), where);
        List<Rule> unless = rules(match.get("unless"), YamlTree.child(matchPath, "unless"), where);
        String remediation = text(node, "remediation");
        if (remediation != null) {
            checkRemediation(remediation, YamlTree.child(path, "remediation"), any, all);
        }
        return new FailurePattern(text(node, "id"), text(node, "title"), Severity.parse(text(node, "severity")),
                node.path("specificity").asInt(3), texts(node.get("supersedes")), where, any, all, support, unless,
                text(node, "meaning").strip(),
                text(node, "fix").strip(), remediation, tree.file(), tree.lineOf(YamlTree.child(path, "id")));
    }

    private List<Rule> rules(JsonNode list, String path, Set<Evidence.Kind> where) {
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; list != null && i < list.size(); i++) {
            String rulePath = YamlTree.item(path, i);
            JsonNode rule = list.get(i);
            Set<Evidence.Kind> in = rule.has("in") ? kinds(rule.get("in")) : Set.of();
            if (!where.containsAll(in)) {
                fail(YamlTree.child(rulePath, "in"), "lists kinds the pattern's `where` does not look at");
            }
            double weight = rule.get("weight").asDouble();
            rules.add(rule.has("regex") ? regexRule(rule, rulePath, weight, in)
                    : fieldRule(rule, rulePath, weight, in));
        }
        return rules;
    }

    private RegexRule regexRule(JsonNode rule, String path, double weight, Set<Evidence.Kind> in) {
        String regexPath = YamlTree.child(path, "regex");
        String regex = rule.get("regex").asString();
        Pattern compiled = compile(regex, regexPath);
        RegexSafety.problem(regex).ifPresent(problem -> fail(regexPath, problem));
        List<String> literals = new ArrayList<>();
        rule.path("literal").forEach(l -> literals.add(LiteralExtractor.lower(l.asString())));
        if (literals.isEmpty()) {
            literals.addAll(LiteralExtractor.extract(regex));
        }
        if (literals.isEmpty()) {
            fail(regexPath, "has no plain text of " + LiteralExtractor.MIN_LENGTH + "+ characters that every match"
                    + " contains, so lines cannot be prefiltered; add `literal: [...]` listing such text");
        }
        List<Pattern> unless = new ArrayList<>();
        JsonNode vetoes = rule.path("unless");
        for (int i = 0; i < vetoes.size(); i++) {
            unless.add(compile(vetoes.get(i).asString(), YamlTree.item(YamlTree.child(path, "unless"), i)));
        }
        List<String> groups = new ArrayList<>();
        Matcher names = GROUP_NAME.matcher(regex);
        while (names.find()) {
            groups.add(names.group(1));
        }
        return new RegexRule(regex, compiled, literals, unless, weight, in, groups);
    }

    private FieldRule fieldRule(JsonNode rule, String path, double weight, Set<Evidence.Kind> in) {
        List<FieldTest> tests = new ArrayList<>();
        if (rule.has("equals")) {
            tests.add(new FieldTest.Equals(scalar(rule.get("equals")), false));
        }
        if (rule.has("notEquals")) {
            tests.add(new FieldTest.Equals(scalar(rule.get("notEquals")), true));
        }
        for (String op : List.of("gt", "gte", "lt", "lte")) {
            if (rule.has(op)) {
                tests.add(new FieldTest.Compare(op, rule.get(op).asDouble()));
            }
        }
        if (rule.has("matches")) {
            tests.add(new FieldTest.Matches(compile(rule.get("matches").asString(), YamlTree.child(path, "matches"))));
        }
        if (rule.has("exists")) {
            tests.add(new FieldTest.Exists(rule.get("exists").asBoolean()));
        }
        if (rule.has("empty")) {
            tests.add(new FieldTest.Empty(rule.get("empty").asBoolean()));
        }
        return new FieldRule(rule.get("field").asString(), tests, weight, in);
    }

    private void checkRemediation(String template, String path, List<Rule> any, List<Rule> all) {
        String verb = template.split(" ")[1];
        if (Verb.parse(verb).isEmpty()) {
            fail(path, "'" + verb + "' is not a /gpu verb; use one of deploy, promote, status, restart, logs,"
                    + " diagnose, purge, scale");
        }
        Set<String> known = new LinkedHashSet<>(List.of("target"));
        Stream.concat(any.stream(), all.stream()).filter(RegexRule.class::isInstance)
                .forEach(rule -> known.addAll(((RegexRule) rule).groupNames()));
        Matcher variables = VARIABLE.matcher(template);
        while (variables.find()) {
            if (!known.contains(variables.group(1))) {
                fail(path, "uses ${" + variables.group(1) + "} but the pattern only provides " + known
                        + " (named regex groups fill variables)");
            }
        }
        if (template.replaceAll("\\$\\{[^}]*}", "").contains("${")) {
            fail(path, "has an unclosed ${");
        }
    }

    private Pattern compile(String regex, String path) {
        try {
            return Pattern.compile(regex);
        } catch (java.util.regex.PatternSyntaxException e) {
            return fail(path, "regex does not compile: " + e.getDescription() + " near index " + e.getIndex());
        }
    }

    private static Set<Evidence.Kind> kinds(JsonNode list) {
        Set<Evidence.Kind> kinds = EnumSet.noneOf(Evidence.Kind.class);
        list.forEach(k -> kinds.add(kind(k.asString())));
        return kinds;
    }

    static Evidence.Kind kind(String key) {
        for (Evidence.Kind kind : Evidence.Kind.values()) {
            if (kind.key().equals(key)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown evidence kind '" + key + "'");
    }

    private static Object scalar(JsonNode node) {
        if (node.isNumber()) {
            return node.numberValue();
        }
        return node.isBoolean() ? (Object) node.asBoolean() : node.asString();
    }

    private static List<String> texts(JsonNode list) {
        List<String> out = new ArrayList<>();
        for (int i = 0; list != null && i < list.size(); i++) {
            out.add(list.get(i).asString());
        }
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private <T> T fail(String path, String problem) {
        throw new CatalogException(tree.file(), tree.lineOf(path), path, problem);
    }
}
