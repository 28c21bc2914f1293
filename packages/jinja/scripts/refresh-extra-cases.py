"""Fills in `expected` (or `expectError`) of every case in src/__fixtures__/extra-cases.json
with what Jinja2 renders, by running jinja2-render.py on each case's template and context.

Usage: python3 refresh-extra-cases.py   (Jinja2 3.1.6 must be importable)
"""
import json
import os
import subprocess
import sys

import jinja2

here = os.path.dirname(os.path.abspath(__file__))
path = os.path.join(here, "..", "src", "__fixtures__", "extra-cases.json")
data = json.load(open(path))
data["engine"] = f"Jinja2 {jinja2.__version__} with extensions do, loopcontrols (scripts/jinja2-render.py)"
for case in data["cases"]:
    out = subprocess.run([sys.executable, os.path.join(here, "jinja2-render.py"), case["template"], json.dumps(case.get("context", {}))], capture_output=True, text=True, check=True).stdout
    result = json.loads(out)
    case.pop("expected", None)
    case.pop("expectError", None)
    case.pop("jinja2Error", None)
    if isinstance(result, dict):
        case["expectError"] = True
        case["jinja2Error"] = result["error"]
    else:
        case["expected"] = result
with open(path, "w") as f:
    json.dump(data, f, indent=1, ensure_ascii=False)
    f.write("\n")
print(f"{len(data['cases'])} cases refreshed")
