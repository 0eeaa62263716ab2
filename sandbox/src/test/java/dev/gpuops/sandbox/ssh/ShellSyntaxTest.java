package dev.gpuops.sandbox.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShellSyntaxTest {

    private static List<ShellSyntax.Item> parse(String line) throws ShellSyntax.SyntaxError {
        return ShellSyntax.parse(line, Map.of("HOME", "/root"));
    }

    @Test
    void splitsWordsWithPosixQuoting() throws Exception {
        List<ShellSyntax.Item> items = parse("echo 'a b' \"c \\\"d\\\"\" e\\ f 'it'\"'\"'s' $HOME");

        assertThat(items.get(0).pipeline().get(0).words())
                .containsExactly("echo", "a b", "c \"d\"", "e f", "it's", "/root");
    }

    @Test
    void understandsSequencesPipesAndRedirections() throws Exception {
        List<ShellSyntax.Item> items = parse("sudo -n sh -c 'umask 077 && cat > /root/x' && ls /tmp | tail -n 1; echo done 2>&1 >/dev/null");

        assertThat(items).extracting(ShellSyntax.Item::next).containsExactly("&&", ";", null);
        assertThat(items.get(0).pipeline().get(0).words())
                .containsExactly("sudo", "-n", "sh", "-c", "umask 077 && cat > /root/x");
        assertThat(items.get(1).pipeline()).hasSize(2);
        assertThat(items.get(2).pipeline().get(0).redirects()).extracting(ShellSyntax.Redirect::op)
                .containsExactly(">&", ">");
    }

    @Test
    void refusesCommandSubstitutionInsteadOfRunningIt() {
        assertThatThrownBy(() -> parse("echo $(id)")).isInstanceOf(ShellSyntax.SyntaxError.class);
        assertThatThrownBy(() -> parse("echo `id`")).isInstanceOf(ShellSyntax.SyntaxError.class);
    }

    @Test
    void quotedSubstitutionIsJustText() throws Exception {
        assertThat(parse("echo '$(id) `id`'").get(0).pipeline().get(0).words()).containsExactly("echo", "$(id) `id`");
    }

    @Test
    void reportsUnterminatedQuotes() {
        assertThatThrownBy(() -> parse("echo 'oops")).hasMessageContaining("matching");
    }
}
