#!/usr/bin/python3
"""Checks Kubernetes manifests offline against the API models of Debian's
python3-kubernetes (22.6, Kubernetes 1.22): each document deserialises into
its model class, and serialising it back gives the document again, so no
field is misspelt or unknown (the client drops those silently).
Usage: k8s_manifest_check.py FILE.yaml... ; exit 0 when all are clean."""
import sys

import yaml
from kubernetes import client

MODELS = {("v1", "ConfigMap"): "V1ConfigMap", ("v1", "PersistentVolumeClaim"): "V1PersistentVolumeClaim",
          ("batch/v1", "Job"): "V1Job", ("batch/v1", "CronJob"): "V1CronJob"}


class _Resp:
    def __init__(self, data):
        import json
        self.data = json.dumps(data)


def normalise(x):
    if isinstance(x, dict):
        return {k: normalise(v) for k, v in x.items() if v is not None}
    if isinstance(x, list):
        return [normalise(v) for v in x]
    return x


def main(paths):
    api = client.ApiClient()
    problems, docs = [], 0
    for path in paths:
        for doc in yaml.safe_load_all(open(path)):
            if doc is None:
                continue
            docs += 1
            key = (doc.get("apiVersion"), doc.get("kind"))
            where = "%s: %s %s" % (path, key[1], doc.get("metadata", {}).get("name"))
            if key not in MODELS:
                problems.append("%s: no model for %s" % (where, key))
                continue
            obj = api.deserialize(_Resp(doc), MODELS[key])
            back = normalise(api.sanitize_for_serialization(obj))
            if back != normalise(doc):
                problems.append("%s: fields dropped or changed by the %s model" % (where, MODELS[key]))
                import json
                a, b = json.dumps(normalise(doc), sort_keys=True), json.dumps(back, sort_keys=True)
                problems.append("  manifest: " + a[:400])
                problems.append("  model:    " + b[:400])
            if key == ("batch/v1", "Job"):
                spec = obj.spec
                if spec.completion_mode == "Indexed":
                    env = {e.name: e.value for c in spec.template.spec.containers for e in (c.env or [])}
                    if env.get("TRUSTREADY_SHARD_COUNT") != str(spec.completions):
                        problems.append("%s: TRUSTREADY_SHARD_COUNT %s != completions %s"
                                        % (where, env.get("TRUSTREADY_SHARD_COUNT"), spec.completions))
                if spec.template.spec.restart_policy not in ("Never", "OnFailure"):
                    problems.append("%s: a Job's restartPolicy must be Never or OnFailure" % where)
    for p in problems:
        print(p)
    print("%d documents, %d problems" % (docs, len(problems)))
    return 1 if problems or docs == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
