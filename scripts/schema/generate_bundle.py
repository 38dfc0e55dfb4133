#!/usr/bin/env python3
"""Generates cfnlocal's embedded resource schema bundle.

Reads the CloudFormation registry schemas (a folder with one JSON file per resource type, such as
../shared/schemas/us-east-1, an unpacked CloudformationSchema.zip as AWS publishes it, or the .zip
itself) plus the GetAtt attribute list (getatt-attributes.json: type -> {attribute or attribute
pattern -> schema pointer}), strips what validation, replacement analysis and GetAtt never read
(descriptions, examples, documentation and source URLs, comments, titles, ...), and writes
schema/bundle_data.cc: the bundle bytes as one C++ string literal in chunks, so the cfnlocal binary
needs no file at run time.

Bundle layout (all text, UTF-8):
    CFNLOCAL-SCHEMA-BUNDLE 1\n
    <number of types>\n
    <TypeName>\t<offset>\t<length>\n        one line per type, sorted by name
    \n
    <payload>                               the compact JSON schemas back to back
Offsets are relative to the start of the payload. Each schema keeps its registry keys and gains
"x-getatt" (the GetAtt attributes) and, when the source schema has handlers, "x-handlers" (the
handler names).

Usage: generate_bundle.py [--schemas DIR_OR_ZIP] [--getatt FILE] [--out schema/bundle_data.cc]
Standard library only.
"""

import argparse
import io
import json
import os
import sys
import zipfile

# Keys that no part of cfnlocal reads. They are removed only where they are schema keywords, never
# where they are property names (inside "properties", "definitions", "patternProperties", ...).
STRIPPED_KEYWORDS = {
    "description",
    "markdownDescription",
    "examples",
    "documentationUrl",
    "sourceUrl",
    "$comment",
    "$schema",
    "$id",
    "title",
    "resourceLink",
    "arrayType",
}

# Keywords whose value is a map from names to subschemas.
SCHEMA_MAPS = {"properties", "definitions", "patternProperties", "dependentSchemas"}
# Keywords whose value is one subschema.
SCHEMA_SINGLE = {"items", "additionalProperties", "additionalItems", "not", "if", "then", "else",
                 "contains", "propertyNames"}
# Keywords whose value is a list of subschemas.
SCHEMA_LISTS = {"oneOf", "anyOf", "allOf", "prefixItems"}
# Top-level keys whose values are data, not schemas (kept verbatim).
TOP_LEVEL_DATA = {"typeName", "primaryIdentifier", "additionalIdentifiers", "readOnlyProperties",
                  "createOnlyProperties", "conditionalCreateOnlyProperties", "writeOnlyProperties",
                  "deprecatedProperties", "nonPublicProperties", "nonPublicDefinitions",
                  "replacementStrategy", "tagging", "taggable", "propertyTransform", "lifecycle",
                  "required", "requiredXor", "requiredOr", "dependentExcluded",
                  "dependentRequired"}


def clean_schema(node):
    """Returns a copy of a schema node without the stripped keywords, recursing into subschemas."""
    if isinstance(node, list):
        return [clean_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key in STRIPPED_KEYWORDS:
            # "title"/"description" as a *property name* lives inside a SCHEMA_MAPS map, which is
            # handled below, so here they are keywords.
            continue
        if key in SCHEMA_MAPS and isinstance(value, dict):
            out[key] = {name: clean_schema(sub) for name, sub in value.items()}
        elif key in SCHEMA_SINGLE or key in SCHEMA_LISTS:
            out[key] = clean_schema(value)
        elif key == "dependencies" and isinstance(value, dict):
            out[key] = {name: (clean_schema(sub) if isinstance(sub, dict) else sub)
                        for name, sub in value.items()}
        elif key in ("enum", "const", "default", "required"):
            out[key] = value
        else:
            out[key] = clean_schema(value) if isinstance(value, (dict, list)) else value
    return out


def clean_top(schema):
    handlers = schema.get("handlers")
    out = {}
    for key, value in schema.items():
        if key == "handlers":
            continue
        if key in TOP_LEVEL_DATA:
            out[key] = value
        elif key in STRIPPED_KEYWORDS:
            continue
        else:
            out[key] = clean_schema({key: value})[key]
    if isinstance(handlers, dict):
        out["x-handlers"] = sorted(handlers.keys())
    return out


def derived_getatts(schema):
    """GetAtt attributes when getatt-attributes.json does not list the type: CloudFormation
    exposes each read-only property, nested ones with dots ("Endpoint.Address")."""
    out = {}
    for pointer in schema.get("readOnlyProperties", []):
        parts = pointer.split("/")
        if len(parts) < 3 or parts[1] != "properties" or "*" in parts:
            continue
        out[".".join(parts[2:])] = pointer
    return out


def read_schemas(source):
    """Yields (file name, text) for every .json schema in a folder or a .zip file."""
    if os.path.isfile(source) and zipfile.is_zipfile(source):
        with zipfile.ZipFile(source) as archive:
            for name in sorted(archive.namelist()):
                if name.endswith(".json"):
                    yield name, archive.read(name).decode("utf-8")
        return
    for root, _, files in os.walk(source):
        for name in sorted(files):
            if name.endswith(".json"):
                with open(os.path.join(root, name), encoding="utf-8") as handle:
                    yield os.path.join(root, name), handle.read()


def build_bundle(schema_source, getatt_path):
    getatts = {}
    if getatt_path:
        with open(getatt_path, encoding="utf-8") as handle:
            getatts = json.load(handle)
    schemas = {}
    for name, text in read_schemas(schema_source):
        try:
            schema = json.loads(text)
        except json.JSONDecodeError as err:
            sys.exit(f"{name}: not JSON: {err}")
        type_name = schema.get("typeName") if isinstance(schema, dict) else None
        if not type_name:
            continue  # not a resource schema (e.g. a provider definition meta-schema)
        if type_name in schemas:
            sys.exit(f"{name}: duplicate type {type_name}")
        compact = clean_top(schema)
        compact["x-getatt"] = getatts.get(type_name) or derived_getatts(compact)
        schemas[type_name] = compact
    if not schemas:
        sys.exit(f"no resource schemas found in {schema_source}")

    payload = io.StringIO()
    index = []
    offset = 0
    for type_name in sorted(schemas):
        text = json.dumps(schemas[type_name], separators=(",", ":"), ensure_ascii=False)
        size = len(text.encode("utf-8"))
        index.append(f"{type_name}\t{offset}\t{size}\n")
        payload.write(text)
        offset += size
    header = f"CFNLOCAL-SCHEMA-BUNDLE 1\n{len(index)}\n" + "".join(index) + "\n"
    return header + payload.getvalue(), len(index)


CHUNK = 60000  # bytes per string literal piece; keeps each source line a manageable size


def write_cc(bundle, out_path, source_note):
    data = bundle.encode("utf-8")
    delimiter = "cfnb"
    if (")" + delimiter + '"').encode() in data:
        sys.exit("bundle contains the raw string delimiter")
    lines = [
        "// Generated by scripts/schema/generate_bundle.py from " + source_note + ".",
        "// Do not edit: regenerate instead. Holds the registry schema bundle (see the script).",
        "// clang-format off",
        '#include "schema/bundle_data.h"',
        "",
        "namespace cfnlocal::schema {",
        "namespace {",
        "// Adjacent raw string literals concatenate into one array.",
        "const char kBundle[] =",
    ]
    start = 0
    while start < len(data):
        end = min(start + CHUNK, len(data))
        # Never split a UTF-8 sequence: back up to a lead byte.
        while end < len(data) and (data[end] & 0xC0) == 0x80:
            end -= 1
        piece = data[start:end].decode("utf-8")
        lines.append(f'    R"{delimiter}({piece}){delimiter}"')
        start = end
    lines[-1] += ";"
    lines += [
        "} // namespace",
        "",
        "std::string_view bundle_bytes() { return {kBundle, sizeof(kBundle) - 1}; }",
        "",
        "} // namespace cfnlocal::schema",
        "",
    ]
    with open(out_path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines))
    return len(data)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(os.path.dirname(here))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--schemas", default=os.path.join(repo, "..", "shared", "schemas",
                                                          "us-east-1"),
                        help="folder of registry schemas, or CloudformationSchema.zip")
    parser.add_argument("--getatt", default=os.path.join(repo, "..", "shared", "data",
                                                         "getatt-attributes.json"),
                        help="getatt-attributes.json ('' to leave GetAtt attributes empty)")
    parser.add_argument("--out", default=os.path.join(repo, "schema", "bundle_data.cc"))
    parser.add_argument("--raw", help="also write the bundle bytes to this file")
    args = parser.parse_args()
    bundle, count = build_bundle(args.schemas, args.getatt)
    note = os.path.basename(os.path.normpath(args.schemas))
    size = write_cc(bundle, args.out, f"the registry schemas '{note}'")
    if args.raw:
        with open(args.raw, "w", encoding="utf-8") as handle:
            handle.write(bundle)
    print(f"{count} types, {size} bytes -> {args.out}")


if __name__ == "__main__":
    main()
