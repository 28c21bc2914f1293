"""Prints what Jinja2 (configured as dbt does) renders for each template given as an argument.

Usage: python3 jinja2-render.py '<template>' ['<json context>']
"""
import json
import sys

import jinja2

env = jinja2.Environment(extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols"], autoescape=False, keep_trailing_newline=False)
context = json.loads(sys.argv[2]) if len(sys.argv) > 2 else {}
try:
    print(json.dumps(env.from_string(sys.argv[1]).render(**context)))
except Exception as e:  # the error is the expected value for error cases
    print(json.dumps({"error": f"{type(e).__name__}: {e}"}))
