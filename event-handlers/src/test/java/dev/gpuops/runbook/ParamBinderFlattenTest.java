package dev.gpuops.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gpuops.runbook.action.ssh.SshAddress;
import dev.gpuops.runbook.action.ssh.SshExec;
import dev.gpuops.runbook.action.ssh.SshWait;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SSH address is one embedded record, yet a runbook still writes host/port/user flat under {@code with:}. */
class ParamBinderFlattenTest {

    private final ParamBinder binder = new ParamBinder();

    @Test
    void bindsFlatHostPortUserIntoTheEmbeddedAddress() {
        SshExec.Params params = binder.bind("ssh.exec", SshExec.Params.class,
                Map.of("host", "10.0.0.7", "port", "2222", "user", "ubuntu", "command", "/usr/bin/nvidia-smi"));

        assertThat(params.ssh()).isEqualTo(new SshAddress("10.0.0.7", 2222, "ubuntu"));
        assertThat(params.command()).isEqualTo("/usr/bin/nvidia-smi");
    }

    @Test
    void anAddressLeftOutEntirelyIsTheTargetsOwn() {
        SshExec.Params params = binder.bind("ssh.exec", SshExec.Params.class, Map.of("command", "/bin/true"));

        assertThat(params.ssh()).isEqualTo(SshAddress.TARGET);
    }

    @Test
    void namesListTheFlattenedPartsInPlaceOfTheEmbeddedComponent() {
        assertThat(ParamBinder.names(SshWait.Params.class))
                .containsExactly("host", "port", "user", "attempts", "interval", "acceptNewHostKey");
        assertThat(ParamBinder.components(SshWait.Params.class)).extracting(RecordComponent::getDeclaringRecord)
                .startsWith(SshAddress.class, SshAddress.class, SshAddress.class);
    }

    @Test
    void aWrongPortNamesTheFlatParameterNotTheNestedPath() {
        ParamBindingException bound = catchThrowableOfType(ParamBindingException.class, () -> binder.bind(
                "ssh.exec", SshExec.Params.class, Map.of("port", "twenty-two", "command", "/bin/true")));
        ParamBindingException checked = catchThrowableOfType(ParamBindingException.class,
                () -> binder.checkValue("ssh.exec", SshExec.Params.class, "port", "twenty-two"));

        assertThat(bound.field()).isEqualTo("port");
        assertThat(bound.getMessage()).isEqualTo("ssh.exec: parameter `port`: expected an integer, not 'twenty-two'");
        assertThat(checked.field()).isEqualTo("port");
        assertThat(checked.getMessage()).isEqualTo("expected an integer, not 'twenty-two'");
    }

    @Test
    void theEmbeddedComponentsOwnNameIsNotAParameter() {
        ParamBindingException nested = catchThrowableOfType(ParamBindingException.class, () -> binder.bind(
                "ssh.exec", SshExec.Params.class, Map.of("ssh", Map.of("host", "h"), "command", "/bin/true")));
        ParamBindingException typo = catchThrowableOfType(ParamBindingException.class, () -> binder.bind(
                "ssh.exec", SshExec.Params.class, Map.of("hots", "h", "command", "/bin/true")));

        assertThat(nested.getMessage()).startsWith("unknown parameter `ssh` for ssh.exec; expected one of host, port,"
                + " user, command,");
        assertThat(typo.getMessage()).startsWith("unknown parameter `hots` for ssh.exec; expected one of host, port,");
        assertThat(ParamBinder.names(SshExec.Params.class)).doesNotContain("ssh")
                .containsAll(List.of("host", "port", "user"));
    }
}
