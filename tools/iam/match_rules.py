#!/usr/bin/env python3
"""Which events serverless.template's EventBridge rules match, by moto's own pattern matcher.

The rules' patterns are taken from the template after the SAM transform and resolved with a
profile's concrete values (effective_policies.Resolver); each event is matched with
moto.events.models.EventPattern. Reads {"profile": {...}, "events": [...]} on stdin and writes
{rule: [true|false per event]} on stdout.
"""
import json
import os
import sys

from moto.events.models import EventPattern

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from effective_policies import Resolver, transformed  # noqa: E402


def main():
    request = json.load(sys.stdin)
    profile = request["profile"]
    template = transformed(os.path.join(profile.get("root", os.getcwd()), "serverless.template"))
    resolver = Resolver(template, profile, profile.get("parameters", {}))
    result = {}
    for logical_id, resource in template["Resources"].items():
        if resource["Type"] != "AWS::Events::Rule" or "EventPattern" not in resource["Properties"]:
            continue
        pattern = EventPattern.load(json.dumps(resolver.resolve(resource["Properties"]["EventPattern"])))
        result[logical_id] = [bool(pattern.matches_event(event)) for event in request["events"]]
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
