#!/usr/bin/env python3
"""Generates services/endpoint/models_data.cc: botocore's service models, trimmed to what the
endpoint backend needs to serialise requests and parse responses.

Reads botocore/data/<service>/<latest version>/service-2.json(.gz) for each service in SERVICES
(botocore installed with boto3, or --botocore-data DIR) and keeps only:
  - metadata: protocol, apiVersion, endpointPrefix, signingName, targetPrefix, jsonVersion,
    globalEndpoint, xmlNamespace;
  - operations: http (method, requestUri, responseCode), input (and inputXmlNamespace, the
    namespace of a rest-xml body that is the whole input shape), output (with resultWrapper),
    errors (names only), checksumRequired (the body needs Content-MD5);
  - shapes reachable from the kept operations, with the keys serialisation reads (type, members,
    member, key, value, location, locationName, queryName, flattened, xmlAttribute,
    xmlNamespace, timestampFormat, payload, streaming, idempotencyToken, hostLabel, error,
    exception, union, document, jsonvalue) and required member names.
Documentation, constraints (min/max/pattern/enum: the services enforce them) and endpoint rules
are dropped.

Output layout: one compact JSON document per service, as a table of {service id, JSON text}
entries of adjacent raw string literals, so the cfnlocal binary needs no file at run time.

Usage: generate_models.py [--botocore-data DIR] [--out services/endpoint/models_data.cc]
Standard library only (botocore is only located, never imported, when --botocore-data is given).
"""

import argparse
import gzip
import json
import os
import sys

# The services cfnlocal's providers call, and those the next providers will call.
SERVICES = [
    "acm", "apigateway", "apigatewayv2", "cloudcontrol", "cloudformation", "cloudwatch",
    "codecommit", "dynamodb", "ec2", "elbv2", "events", "greengrass", "iam", "iot", "kinesis",
    "kms", "lambda", "logs", "route53", "s3", "secretsmanager", "sns", "sqs", "ssm",
    "stepfunctions", "sts",
]

# The wire protocols cfnlocal speaks, in botocore's order of preference: a model that lists
# several ("protocols": CloudWatch's smithy-rpc-v2-cbor, json, query) is kept with the first of
# these, the one boto3 itself picks among them.
SUPPORTED_PROTOCOLS = ["json", "rest-json", "rest-xml", "query", "ec2"]

METADATA_KEYS = ["protocol", "apiVersion", "endpointPrefix", "signingName", "targetPrefix",
                 "jsonVersion", "globalEndpoint", "xmlNamespace"]
SHAPE_KEYS = ["type", "location", "locationName", "queryName", "flattened", "xmlAttribute",
              "xmlNamespace", "timestampFormat", "payload", "streaming", "idempotencyToken",
              "hostLabel", "exception", "union", "document", "jsonvalue"]
CHUNK = 8000  # characters per raw string literal piece


def botocore_data_dir():
    import botocore  # noqa: imported only to find its data folder
    return os.path.join(os.path.dirname(botocore.__file__), "data")


def load_model(data_dir, service):
    folder = os.path.join(data_dir, service)
    version = sorted(v for v in os.listdir(folder) if os.path.isdir(os.path.join(folder, v)))[-1]
    base = os.path.join(folder, version, "service-2.json")
    if os.path.exists(base):
        with open(base, encoding="utf-8") as f:
            return json.load(f)
    with gzip.open(base + ".gz", "rt", encoding="utf-8") as f:
        return json.load(f)


def trim_ref(ref):
    """A member / list member / map key or value reference: shape name plus location keys."""
    out = {"shape": ref["shape"]}
    for k in SHAPE_KEYS:
        if k in ref and k != "type":
            out[k] = ref[k]
    return out


def trim_shape(shape):
    out = {k: shape[k] for k in SHAPE_KEYS if k in shape}
    if "members" in shape:
        out["members"] = {name: trim_ref(ref) for name, ref in shape["members"].items()}
    for k in ("member", "key", "value"):
        if k in shape:
            out[k] = trim_ref(shape[k])
    # Required members: the HTTP front tells apart operations that share a route by them
    # (S3 CopyObject's x-amz-copy-source header against PutObject).
    if shape.get("required"):
        out["required"] = shape["required"]
    if "error" in shape:
        out["error"] = {k: shape["error"][k] for k in ("code", "httpStatusCode", "senderFault")
                        if k in shape["error"]}
    return out


def trim_model(model):
    meta = {k: model["metadata"][k] for k in METADATA_KEYS if k in model["metadata"]}
    listed = model["metadata"].get("protocols", [])
    for protocol in SUPPORTED_PROTOCOLS:
        if protocol in listed:
            meta["protocol"] = protocol
            break
    operations = {}
    wanted = []
    for name, op in sorted(model["operations"].items()):
        http = op.get("http", {})
        o = {"http": {k: http[k] for k in ("method", "requestUri", "responseCode") if k in http}}
        if "input" in op:
            o["input"] = op["input"]["shape"]
            # rest-xml bodies of the whole input shape (Route 53) are named on the operation.
            if "xmlNamespace" in op["input"]:
                o["inputXmlNamespace"] = op["input"]["xmlNamespace"]["uri"]
            wanted.append(op["input"]["shape"])
        if "output" in op:
            o["output"] = op["output"]["shape"]
            if "resultWrapper" in op["output"]:
                o["resultWrapper"] = op["output"]["resultWrapper"]
            wanted.append(op["output"]["shape"])
        # S3 rejects some bodies without Content-MD5 (or a flexible checksum).
        if op.get("httpChecksumRequired") or op.get("httpChecksum", {}).get("requestChecksumRequired"):
            o["checksumRequired"] = True
        if op.get("errors"):
            o["errors"] = [e["shape"] for e in op["errors"]]
            wanted.extend(o["errors"])
        operations[name] = o
    shapes = model["shapes"]
    kept = {}
    while wanted:
        name = wanted.pop()
        if name in kept:
            continue
        kept[name] = trim_shape(shapes[name])
        s = shapes[name]
        for ref in list(s.get("members", {}).values()) + [s[k] for k in ("member", "key", "value")
                                                           if k in s]:
            wanted.append(ref["shape"])
    return {"metadata": meta, "operations": operations,
            "shapes": {k: kept[k] for k in sorted(kept)}}


def literal(text):
    assert ")cfnm\"" not in text
    pieces = [text[i:i + CHUNK] for i in range(0, len(text), CHUNK)] or [""]
    return "\n".join('        R"cfnm(' + p + ')cfnm"' for p in pieces)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--botocore-data", help="botocore's data folder (default: the installed one)")
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "..",
                                                      "services", "endpoint", "models_data.cc"))
    args = parser.parse_args()
    data_dir = args.botocore_data or botocore_data_dir()
    entries = []
    for service in SERVICES:
        trimmed = trim_model(load_model(data_dir, service))
        text = json.dumps(trimmed, separators=(",", ":"), ensure_ascii=False)
        entries.append((service, text))
    with open(args.out, "w", encoding="utf-8") as out:
        out.write("// Generated by scripts/services/generate_models.py from botocore's service models.\n")
        out.write("// Do not edit: regenerate instead.\n// clang-format off\n")
        out.write('#include "services/endpoint/models_data.h"\n\n')
        out.write("namespace cfnlocal::services::endpoint {\nnamespace {\n")
        for i, (service, text) in enumerate(entries):
            out.write(f"// {service}\nconst char kModel{i}[] =\n{literal(text)};\n")
        out.write("} // namespace\n\n")
        out.write("const std::vector<ModelText> &model_texts() {\n")
        out.write("  static const std::vector<ModelText> kModels = {\n")
        for i, (service, _) in enumerate(entries):
            out.write(f'      {{"{service}", {{kModel{i}, sizeof(kModel{i}) - 1}}}},\n')
        out.write("  };\n  return kModels;\n}\n\n} // namespace cfnlocal::services::endpoint\n")
    total = sum(len(t) for _, t in entries)
    print(f"wrote {args.out}: {len(entries)} services, {total} bytes of JSON", file=sys.stderr)


if __name__ == "__main__":
    main()
