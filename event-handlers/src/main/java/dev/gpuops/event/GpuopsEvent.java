package dev.gpuops.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * Everything that crosses Kafka. Past-tense facts; consumers switch exhaustively over the sealed type so a new
 * event breaks compilation wherever it must be handled. Serialised as JSON with an explicit {@code type} name.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = CommandReceived.class, name = "CommandReceived"),
        @JsonSubTypes.Type(value = CancelRequested.class, name = "CancelRequested"),
        @JsonSubTypes.Type(value = RunQueued.class, name = "RunQueued"),
        @JsonSubTypes.Type(value = RunStarted.class, name = "RunStarted"),
        @JsonSubTypes.Type(value = StepStarted.class, name = "StepStarted"),
        @JsonSubTypes.Type(value = StepProgressed.class, name = "StepProgressed"),
        @JsonSubTypes.Type(value = StepSucceeded.class, name = "StepSucceeded"),
        @JsonSubTypes.Type(value = StepFailed.class, name = "StepFailed"),
        @JsonSubTypes.Type(value = FailureDiagnosed.class, name = "FailureDiagnosed"),
        @JsonSubTypes.Type(value = RunFinished.class, name = "RunFinished"),
        @JsonSubTypes.Type(value = ApprovalSubmitted.class, name = "ApprovalSubmitted"),
        @JsonSubTypes.Type(value = ApprovalRequested.class, name = "ApprovalRequested"),
        @JsonSubTypes.Type(value = ApprovalGranted.class, name = "ApprovalGranted"),
        @JsonSubTypes.Type(value = ApprovalDenied.class, name = "ApprovalDenied"),
        @JsonSubTypes.Type(value = ApprovalExpired.class, name = "ApprovalExpired"),
        @JsonSubTypes.Type(value = RunPlanned.class, name = "RunPlanned"),
        @JsonSubTypes.Type(value = HealthCheckFailed.class, name = "HealthCheckFailed"),
        @JsonSubTypes.Type(value = HealthRecovered.class, name = "HealthRecovered"),
        @JsonSubTypes.Type(value = TargetMuted.class, name = "TargetMuted"),
        @JsonSubTypes.Type(value = TargetUnmuted.class, name = "TargetUnmuted"),
        @JsonSubTypes.Type(value = IncidentOpened.class, name = "IncidentOpened"),
        @JsonSubTypes.Type(value = IncidentUpdated.class, name = "IncidentUpdated"),
        @JsonSubTypes.Type(value = IncidentAcknowledged.class, name = "IncidentAcknowledged"),
        @JsonSubTypes.Type(value = IncidentResolved.class, name = "IncidentResolved"),
})
public sealed interface GpuopsEvent permits IngressEvent, RunEvent, MonitorEvent {

    String eventId();

    Instant occurredAt();

    /** The target name; also the Kafka key, so one target's events stay ordered. */
    String target();
}
