package dev.gpuops.diagnosis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The catalog's prefilters, compiled once per {@link FailureDiagnoser}: one {@link NeedleIndex} over every needle of
 * every regex rule, and per rule the ids of its needles. A rule visits the lines holding one of its {@code literals}
 * (in that order, as the catalog declares or the extractor found them) and runs its regex only on those that also
 * pass its gates: the other needle sets {@link LiteralExtractor#required} says every match contains.
 */
final class Prefilters {

    /**
     * One rule's prefilter.
     *
     * @param visit needle ids of the rule's {@code literals}, in order
     * @param gates needle-id sets; a line must hold a needle of each for the regex to be able to match
     */
    record Prefilter(int[] visit, int[][] gates) {

        boolean passes(NeedleHits hits, int line) {
            for (int[] gate : gates) {
                if (!any(hits, gate, line)) {
                    return false;
                }
            }
            return true;
        }

        private static boolean any(NeedleHits hits, int[] ids, int line) {
            for (int id : ids) {
                if (hits.on(id, line)) {
                    return true;
                }
            }
            return false;
        }
    }

    static final int MAX_GATES = 2;
    static final int MIN_GATE_CHARS = 4;

    private final NeedleIndex index;
    private final Map<RegexRule, Prefilter> byRule = new IdentityHashMap<>();

    Prefilters(PatternCatalog catalog) {
        List<RegexRule> rules = catalog.patterns().stream()
                .flatMap(p -> Stream.of(p.any(), p.all(), p.support(), p.unless()).flatMap(List::stream))
                .filter(RegexRule.class::isInstance).map(RegexRule.class::cast).toList();
        Map<RegexRule, List<Set<String>>> gates = new IdentityHashMap<>();
        Set<String> needles = new LinkedHashSet<>();
        for (RegexRule rule : rules) {
            needles.addAll(rule.literals());
            List<Set<String>> required = gates(rule);
            required.forEach(needles::addAll);
            gates.put(rule, required);
        }
        this.index = new NeedleIndex(needles);
        for (RegexRule rule : rules) {
            int[] visit = rule.literals().stream().mapToInt(index::id).toArray();
            int[][] ruleGates = gates.get(rule).stream()
                    .map(set -> set.stream().mapToInt(index::id).toArray()).toArray(int[][]::new);
            byRule.put(rule, new Prefilter(visit, ruleGates));
        }
    }

    /**
     * The rule's gates: of the needle sets every match requires (besides its literals), the {@link #MAX_GATES} most
     * selective, and only those whose every needle has {@link #MIN_GATE_CHARS} letters or more. A gate of short
     * common words ("for", "one", "job") would pass most lines anyway, and every occurrence of its needles costs the
     * scan a little: leaving it out changes which lines the regex is tried on, never what matches.
     */
    private static List<Set<String>> gates(RegexRule rule) {
        List<Set<String>> required = new ArrayList<>(LiteralExtractor.required(rule.regex()));
        required.remove(Set.copyOf(rule.literals()));
        required.removeIf(set -> selectivity(set) < MIN_GATE_CHARS);
        required.sort(Comparator.comparingInt(Prefilters::selectivity).reversed());
        return required.subList(0, Math.min(MAX_GATES, required.size()));
    }

    /** The fewest non-space characters of a needle of the set. */
    private static int selectivity(Set<String> needles) {
        return needles.stream().mapToInt(n -> (int) n.chars().filter(c -> c != ' ').count()).min().orElse(0);
    }

    NeedleIndex index() {
        return index;
    }

    Prefilter of(RegexRule rule) {
        Prefilter prefilter = byRule.get(rule);
        if (prefilter == null) {
            throw new IllegalArgumentException("rule " + rule.regex() + " is not in the catalog these prefilters"
                    + " were made for");
        }
        return prefilter;
    }
}
