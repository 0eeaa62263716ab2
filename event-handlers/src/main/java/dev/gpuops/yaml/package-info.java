/**
 * The one way gpuops reads a YAML file it validates: {@link dev.gpuops.yaml.YamlTree} keeps the line of every field,
 * and {@link dev.gpuops.yaml.SchemaFile} checks it against a published JSON Schema, so runbooks and patterns fail
 * alike, naming file, line and field. Jackson 2 appears only here, because the schema validator speaks it.
 */
package dev.gpuops.yaml;
