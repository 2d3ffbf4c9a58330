"""Checks CI files that have no linter here. `gitlab SCHEMA FILE...`: each file against GitLab's published
CI schema (JSON Schema draft 7). `azure FILE...`: Azure Pipelines files, whose schema no package here ships:
the YAML parses, the top-level keys are the pipeline's, and every step is one known kind with known keys,
a task is named Name@Major, and every condition's parentheses balance. Prints each problem; exits 1 on any."""
import json
import re
import sys

import jsonschema
import yaml

PIPELINE_KEYS = {"name", "appendCommitMessageToRunName", "trigger", "pr", "schedules", "resources", "parameters",
                 "variables", "pool", "stages", "jobs", "steps", "extends", "lockBehavior", "workspace", "container",
                 "services", "strategy", "timeoutInMinutes", "continueOnError"}
STEP_KINDS = {"task", "script", "bash", "pwsh", "powershell", "publish", "download", "checkout", "template",
              "downloadBuild", "getPackage", "reviewApp"}
STEP_KEYS = STEP_KINDS | {"inputs", "displayName", "name", "condition", "continueOnError", "enabled", "env",
                          "timeoutInMinutes", "retryCountOnTaskFailure", "target", "workingDirectory",
                          "failOnStderr", "artifact", "parameters", "clean", "fetchDepth", "lfs", "submodules",
                          "persistCredentials", "path", "patterns", "ignoreLASTEXITCODE", "errorActionPreference"}


def azure(path, problems):
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    if not isinstance(doc, dict):
        problems.append(f"{path}: not a mapping")
        return
    for key in doc:
        if key not in PIPELINE_KEYS:
            problems.append(f"{path}: unknown top-level key '{key}'")
    if not any(k in doc for k in ("steps", "jobs", "stages", "extends")):
        problems.append(f"{path}: no steps, jobs, stages or extends")
    steps = list(doc.get("steps") or [])
    for job in doc.get("jobs") or []:
        steps += job.get("steps") or []
    for stage in doc.get("stages") or []:
        for job in stage.get("jobs") or []:
            steps += job.get("steps") or []
    for index, step in enumerate(steps):
        where = f"{path}: step {index + 1}"
        kinds = [k for k in step if k in STEP_KINDS]
        if len(kinds) != 1:
            problems.append(f"{where}: one of {sorted(STEP_KINDS)} expected, found {kinds}")
        for key in step:
            if key not in STEP_KEYS:
                problems.append(f"{where}: unknown key '{key}'")
        if "task" in step and not re.fullmatch(r"[A-Za-z][A-Za-z0-9.\-]*@\d+", str(step["task"])):
            problems.append(f"{where}: task '{step['task']}' is not Name@Major")
        condition = str(step.get("condition", ""))
        depth = 0
        for c in condition:
            depth += {"(": 1, ")": -1}.get(c, 0)
            if depth < 0:
                break
        if depth != 0:
            problems.append(f"{where}: unbalanced parentheses in condition '{condition}'")


def gitlab(schema_path, path, problems):
    with open(schema_path, encoding="utf-8") as f:
        validator = jsonschema.Draft7Validator(json.load(f))
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    for error in validator.iter_errors(doc):
        problems.append(f"{path}: {error.json_path}: {error.message}")
    jobs = [k for k, v in doc.items() if isinstance(v, dict) and ("script" in v or "trigger" in v or "extends" in v)]
    if not jobs:
        problems.append(f"{path}: no job")


def main(argv):
    problems = []
    if argv[0] == "gitlab":
        for path in argv[2:]:
            gitlab(argv[1], path, problems)
        files = argv[2:]
    elif argv[0] == "azure":
        for path in argv[1:]:
            azure(path, problems)
        files = argv[1:]
    else:
        raise SystemExit(f"unknown mode {argv[0]}")
    for problem in problems:
        print(problem)
    print(f"{argv[0]}: {len(files)} files, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
