package dev.gpuops.diagnosis.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.diagnosis.FailurePattern;
import dev.gpuops.diagnosis.PatternCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped corpus (runbooks/corpus) keeps the rules its README states: every sample's split is the one its
 * source URL decides (so nothing can be moved between dev and holdout by hand), labels name catalog patterns,
 * excerpts are 1-30 lines with a real http(s) source and no duplicates, and the README's size table is the
 * files' own count.
 */
class CorpusIntegrityTest {

    private static final Pattern TABLE_ROW = Pattern.compile("(?m)^\\| `([\\w-]+)` \\| (\\d+) \\| (\\d+) \\|$");
    private static final Pattern NEGATIVES_ROW = Pattern.compile("(?m)^\\| negatives \\(`null`\\) \\| (\\d+) \\| (\\d+) \\|$");

    private static Path root;
    private static List<CorpusSample> corpus;

    @BeforeAll
    static void read() {
        root = Files.isDirectory(Path.of("runbooks")) ? Path.of("runbooks") : Path.of("..", "runbooks");
        corpus = CorpusReader.read(root.resolve("corpus"));
    }

    @Test
    void everySplitIsTheOneItsSourceUrlDecides() {
        assertThat(corpus).allSatisfy(sample -> assertThat(sample.split())
                .as("%s (%s)", sample.origin(), sample.source())
                .isEqualTo(splitOf(sample.source())));
    }

    @Test
    void theSplitRuleHoldsOutTheUrlsTheReadmeRuleHoldsOut() {
        assertThat(splitOf("https://github.com/temporalio/temporal/pull/1827")).isEqualTo(CorpusSample.HOLDOUT);
        assertThat(splitOf("https://github.com/temporalio/temporal/pull/626")).isEqualTo(CorpusSample.DEV);
    }

    @Test
    void labelsNameCatalogPatterns() {
        Set<String> ids = PatternCatalog.load(root.resolve("patterns")).patterns().stream()
                .map(FailurePattern::id).collect(Collectors.toSet());
        assertThat(corpus).filteredOn(sample -> !sample.negative())
                .allSatisfy(sample -> assertThat(ids).as(sample.origin()).contains(sample.label()));
    }

    @Test
    void excerptsAreOneToThirtyLinesWithAnHttpSourceAndNoneRepeats() {
        assertThat(corpus).allSatisfy(sample -> {
            assertThat(sample.text().strip().lines().count()).as(sample.origin()).isBetween(1L, 30L);
            assertThat(sample.source()).as(sample.origin()).matches("https?://\\S+");
        });
        assertThat(corpus).extracting(sample -> sample.source() + "\n" + sample.text()).doesNotHaveDuplicates();
    }

    @Test
    void theReadmeSizeTableIsTheFilesOwnCount() throws IOException {
        String readme = Files.readString(root.resolve("corpus").resolve("README.md"), StandardCharsets.UTF_8);
        assertThat(documentedCounts(readme)).isEqualTo(actualCounts());
        Matcher negatives = NEGATIVES_ROW.matcher(readme);
        assertThat(negatives.find()).as("README row for negatives").isTrue();
        List<CorpusSample> nulls = corpus.stream().filter(CorpusSample::negative).toList();
        assertThat(List.of(Integer.parseInt(negatives.group(1)), Integer.parseInt(negatives.group(2))))
                .containsExactly(nulls.size(), holdoutCount(nulls));
    }

    private static Map<String, List<Integer>> documentedCounts(String readme) {
        Map<String, List<Integer>> rows = new TreeMap<>();
        int sizeSection = readme.indexOf("## Size");
        Matcher row = TABLE_ROW.matcher(readme.substring(sizeSection, readme.indexOf("## Gaps", sizeSection)));
        while (row.find()) {
            rows.put(row.group(1), List.of(Integer.parseInt(row.group(2)), Integer.parseInt(row.group(3))));
        }
        return rows;
    }

    private static Map<String, List<Integer>> actualCounts() {
        Map<String, List<CorpusSample>> byLabel = corpus.stream().filter(sample -> !sample.negative())
                .collect(Collectors.groupingBy(CorpusSample::label, TreeMap::new, Collectors.toList()));
        Map<String, List<Integer>> counts = new TreeMap<>();
        byLabel.forEach((label, samples) -> counts.put(label, List.of(samples.size(), holdoutCount(samples))));
        return counts;
    }

    private static int holdoutCount(List<CorpusSample> samples) {
        return (int) samples.stream().filter(sample -> Objects.equals(sample.split(), CorpusSample.HOLDOUT)).count();
    }

    /** The README's rule: holdout when the first 8 hex digits of sha1(url), as a number, are divisible by 5. */
    static String splitOf(String url) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(url.getBytes(StandardCharsets.UTF_8));
            long prefix = Long.parseLong(HexFormat.of().formatHex(digest).substring(0, 8), 16);
            return prefix % 5 == 0 ? CorpusSample.HOLDOUT : CorpusSample.DEV;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
