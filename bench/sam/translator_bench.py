#!/usr/bin/env python3
"""Transforms every input with the installed aws-sam-translator in this one process (the same
set-up as ../shared/tools/sam-reference), writes <base>.json per input, prints the wall time.
usage: translator_bench.py INPUT_DIR OUTPUT_DIR"""
import json, logging, os, sys, time
logging.disable(logging.CRITICAL)
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
from unittest.mock import patch
from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse
from samtranslator.model.exceptions import InvalidDocumentException

class Loader:
    def load(self):
        return {}

src, dst = sys.argv[1], sys.argv[2]
os.makedirs(dst, exist_ok=True)
names = sorted(f for f in os.listdir(src) if f.endswith(".yaml"))
start = time.perf_counter()
with patch("samtranslator.translator.arn_generator._get_region_from_session", return_value="us-east-1"):
    for name in names:
        text = open(os.path.join(src, name)).read()
        try:
            manifest = json.loads(json.dumps(yaml_parse(text), default=str))
            out = transform(manifest, {"param1": "value1", "param2": "value2"}, Loader())
        except InvalidDocumentException as e:
            out = {"errorMessage": e.message}
        except Exception as e:  # the bench measures time; odd inputs must not stop it
            out = {"error": str(e)}
        with open(os.path.join(dst, name[:-5] + ".json"), "w") as f:
            json.dump(out, f, indent=1)
print(f"{time.perf_counter() - start:.3f}")
