{{/* The release's resource names: <release>-<chart>, cut to the 63 characters a DNS label allows. */}}
{{- define "app.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "app.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "app.labels" -}}
{{ include "app.selectorLabels" . }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "app.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}

{{- define "app.secretName" -}}
{{- .Values.existingSecret | default (include "app.fullname" .) -}}
{{- end -}}

{{/* The app's environment, the same in the Deployment and the migrations Job. */}}
{{- define "app.env" -}}
- name: APP_ENV
  value: production
- name: PORT
  value: {{ .Values.containerPort | quote }}
{{- range $name, $value := .Values.env }}
- name: {{ $name }}
  value: {{ $value | quote }}
{{- end }}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ include "app.secretName" . }}
      key: DATABASE_URL
- name: SECRET_KEY
  valueFrom:
    secretKeyRef:
      name: {{ include "app.secretName" . }}
      key: SECRET_KEY
{{- end -}}

{{/* Non-root, nothing to escalate to, a read-only root file system (writes go to /tmp). */}}
{{- define "app.podSecurityContext" -}}
runAsNonRoot: true
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "app.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: ["ALL"]
{{- end -}}
