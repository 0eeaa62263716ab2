package dev.gpuops.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LiteralExtractorTest {

    @Test
    void plainTextBecomesOneLowerCaseNeedle() {
        assertThat(LiteralExtractor.extract("(?i)CUDA out of memory")).containsExactly("cuda out of memory");
    }

    @Test
    void everyRequiredNeedleSetOfASequenceIsAGate() {
        assertThat(LiteralExtractor.required(
                "(?i)\\bworkers?\\b.{0,60}?\\b(?:stuck|hang(?:s|ing)?)\\b.{0,60}?\\b(?:not|never) getting ready\\b"))
                .containsExactly(Set.of("worker"), Set.of("stuck", "hang"), Set.of("not", "never"),
                        Set.of(" getting ready"));
        assertThat(LiteralExtractor.extract("(?i)\\bworkers?\\b.{0,60}?\\b(?:stuck|hang)\\b"))
                .as("the visiting needles are still the best single set").containsExactly("worker");
    }

    @Test
    void optionalPartsLookaroundsAndSeveralBranchesGiveNoExtraGates() {
        assertThat(LiteralExtractor.required("abc(?:defghij)?xyz(?=klmn)")).containsExactly(Set.of("abc"),
                Set.of("xyz"));
        assertThat(LiteralExtractor.required("foo bar|baz qux")).containsExactly(Set.of("foo bar", "baz qux"));
        assertThat(LiteralExtractor.required("(?:alpha beta)+ (?:gamma|delta)")).containsExactly(
                Set.of("alpha beta"), Set.of("gamma", "delta"));
        assertThat(LiteralExtractor.required("\\d+\\s+\\w+")).isEmpty();
    }

    @Test
    void topLevelAlternationNeedsOneNeedlePerBranch() {
        assertThat(LiteralExtractor.extract("GatedRepoError|Cannot access gated repo"))
                .containsExactlyInAnyOrder("gatedrepoerror", "cannot access gated repo");
    }

    @Test
    void aRequiredGroupContributesItsAlternatives() {
        assertThat(LiteralExtractor.extract("\\b(?:ErrImagePull|ImagePullBackOff)\\b"))
                .containsExactlyInAnyOrder("errimagepull", "imagepullbackoff");
    }

    @Test
    void escapedPunctuationIsLiteralAndClassesEndARun() {
        assertThat(LiteralExtractor.extract("Permission denied \\(publickey"))
                .containsExactly("permission denied (publickey");
        assertThat(LiteralExtractor.extract("(?i)\\bexited with (?:code|status) [1-9]\\d*"))
                .containsExactly("exited with ");
    }

    @Test
    void optionalCharactersAndGroupsAreNeverRequired() {
        assertThat(LiteralExtractor.extract("colou?red")).containsExactly("colo");
        assertThat(LiteralExtractor.extract("abc(?:defghij)?xyz")).containsExactly("abc");
        assertThat(LiteralExtractor.extract("unauthori[sz]ed")).containsExactly("unauthori");
    }

    @Test
    void noNeedleWhenABranchHasNoPlainText() {
        assertThat(LiteralExtractor.extract("\\d+\\s+\\w+")).isEmpty();
        assertThat(LiteralExtractor.extract("abcdef|\\d+")).isEmpty();
        assertThat(LiteralExtractor.extract("(?x) cuda out of memory")).isEmpty();
        assertThat(LiteralExtractor.extract("ab(?=cdef)")).isEmpty();
    }

    @Test
    void prefilterFoldingKeepsLengthAndLatin1() {
        String text = "İstanbul ÄÖÜ GPU █▌";
        assertThat(LiteralExtractor.lower(text)).hasSameSizeAs(text)
                .isEqualTo("\u001Astanbul ÄÖÜ gpu \u001A\u001A");
    }

    /**
     * The prefilter must never hide a match: for every shipped regex rule and every line of every sample where the
     * regex matches, one of its needles occurs in that line.
     */
    @Test
    void everyShippedRuleNeedleOccursInEverySampleLineItsRegexMatches() {
        List<String> lines = new ArrayList<>();
        LineCleaner cleaner = new LineCleaner();
        for (Path file : SampleFiles.under(TestCatalog.resources())) {
            SampleFiles.read(file).lines().map(cleaner::clean).forEach(lines::add);
        }
        int checked = 0;
        for (FailurePattern pattern : TestCatalog.shipped().patterns()) {
            for (Rule rule : rules(pattern)) {
                if (!(rule instanceof RegexRule regex)) {
                    continue;
                }
                for (String line : lines) {
                    if (regex.pattern().matcher(line).find()) {
                        checked++;
                        String lower = LiteralExtractor.lower(line);
                        assertThat(regex.literals()).as("%s %s on %s", pattern.id(), regex.regex(), line)
                                .anyMatch(lower::contains);
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(200);
    }

    private static List<Rule> rules(FailurePattern pattern) {
        List<Rule> all = new ArrayList<>(pattern.any());
        all.addAll(pattern.all());
        all.addAll(pattern.support());
        all.addAll(pattern.unless());
        return all;
    }
}
