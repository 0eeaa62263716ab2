{{- define "gpuops.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "gpuops.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else if contains (include "gpuops.name" .) .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name (include "gpuops.name" .) | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{- define "gpuops.selectorLabels" -}}
app.kubernetes.io/name: {{ include "gpuops.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "gpuops.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "gpuops.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "gpuops.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "gpuops.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The one message an install without a Kafka cluster fails with. */}}
{{- define "gpuops.bootstrapServers" -}}
{{- required "kafka.bootstrapServers is required: gpuops on Kubernetes runs against your existing Kafka cluster (no embedded broker). Set it, e.g. --set kafka.bootstrapServers=my-cluster-kafka-bootstrap.kafka:9092" .Values.kafka.bootstrapServers }}
{{- end }}

{{- define "gpuops.targetsConfigMap" -}}
{{- if .Values.targetsConfigMap }}{{ .Values.targetsConfigMap }}{{ else }}{{ include "gpuops.fullname" . }}-targets{{ end }}
{{- end }}

{{/* env entry reading one key of a Secret: (list NAME SECRET KEY) */}}
{{- define "gpuops.secretEnv" -}}
- name: {{ index . 0 }}
  valueFrom:
    secretKeyRef:
      name: {{ index . 1 | quote }}
      key: {{ index . 2 | quote }}
{{- end }}

{{/* provider and registry credentials: one env entry per key that is named */}}
{{- define "gpuops.providerEnv" -}}
{{- $p := .Values.providers }}
{{- if $p.existingSecret }}
{{- with $p.runpodApiKeyKey }}
{{ include "gpuops.secretEnv" (list "RUNPOD_API_KEY" $p.existingSecret .) }}
{{- end }}
{{- with $p.lambdaApiKeyKey }}
{{ include "gpuops.secretEnv" (list "LAMBDA_API_KEY" $p.existingSecret .) }}
{{- end }}
{{- with $p.vastApiKeyKey }}
{{ include "gpuops.secretEnv" (list "VAST_API_KEY" $p.existingSecret .) }}
{{- end }}
{{- end }}
{{- with $p.aws.region }}
- name: AWS_REGION
  value: {{ . | quote }}
{{- end }}
{{- if $p.aws.existingSecret }}
{{ include "gpuops.secretEnv" (list "AWS_ACCESS_KEY_ID" $p.aws.existingSecret $p.aws.accessKeyIdKey) }}
{{ include "gpuops.secretEnv" (list "AWS_SECRET_ACCESS_KEY" $p.aws.existingSecret $p.aws.secretAccessKeyKey) }}
{{- end }}
{{- $r := .Values.registry }}
{{- if $r.existingSecret }}
{{- with $r.ghcrUsernameKey }}
{{ include "gpuops.secretEnv" (list "GHCR_USERNAME" $r.existingSecret .) }}
{{- end }}
{{- with $r.ghcrTokenKey }}
{{ include "gpuops.secretEnv" (list "GHCR_TOKEN" $r.existingSecret .) }}
{{- end }}
{{- with $r.usernameKey }}
{{ include "gpuops.secretEnv" (list "REGISTRY_USERNAME" $r.existingSecret .) }}
{{- end }}
{{- with $r.passwordKey }}
{{ include "gpuops.secretEnv" (list "REGISTRY_PASSWORD" $r.existingSecret .) }}
{{- end }}
{{- end }}
{{- end }}
