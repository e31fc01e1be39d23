#!/usr/bin/env python3
"""The effective IAM of the orchestrator, as AWS would hold it, for the evaluator.

serverless.template goes through AWS's own SAM translator (aws-sam-translator, offline), then every
intrinsic function of the IAM parts is resolved with concrete values: the account, region and
stack name of a profile, the template's parameters (its defaults, or the profile's), and the
physical names of resources (the profile's, else CloudFormation-like generated ones). The product
template's roles (templates/pattern-1.yaml) are resolved the same way with the product
parameters of the profile. Reads the profile (JSON) on stdin, writes JSON on stdout:

  {"functions": {handler: {"role": id, "arn": ..., "policies": [{"name", "policy"}]}},
   "stackRole": {...}, "boundary": {...}, "productRoles": {id: {...}}}
"""
import copy
import json
import os
import re
import sys

import yaml
from samtranslator.public.translator import ManagedPolicyLoader
from samtranslator.translator.transform import transform


class Resolver:
    """Resolves Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::If and conditions with concrete values."""

    def __init__(self, template, profile, parameters):
        self.template = template
        self.resources = template.get("Resources", {})
        self.account = profile["account"]
        self.region = profile["region"]
        self.stack = profile["stackName"]
        self.physical = profile.get("physical", {})
        self.parameters = {}
        for name, declaration in template.get("Parameters", {}).items():
            if name in parameters:
                self.parameters[name] = parameters[name]
            elif "Default" in declaration:
                self.parameters[name] = str(declaration["Default"])
        self.conditions = template.get("Conditions", {})

    def pseudo(self, name):
        return {
            "AWS::AccountId": self.account,
            "AWS::Region": self.region,
            "AWS::Partition": "aws",
            "AWS::StackName": self.stack,
            "AWS::URLSuffix": "amazonaws.com",
        }.get(name)

    def generated(self, logical_id):
        return f"{self.stack}-{logical_id}-EXAMPLE"

    def ref(self, name):
        if name in self.parameters:
            return self.parameters[name]
        value = self.pseudo(name)
        if value is not None:
            return value
        if name in self.physical and "Ref" in self.physical[name]:
            return self.physical[name]["Ref"]
        resource = self.resources.get(name)
        if resource is None:
            raise KeyError(f"Ref {name}: neither a parameter, a pseudo parameter nor a resource")
        kind = resource["Type"]
        if kind == "AWS::SNS::Topic":
            return f"arn:aws:sns:{self.region}:{self.account}:{self.generated(name)}"
        if kind == "AWS::IAM::ManagedPolicy":
            return f"arn:aws:iam::{self.account}:policy/{self.generated(name)}"
        if kind == "AWS::StepFunctions::StateMachine":
            return f"arn:aws:states:{self.region}:{self.account}:stateMachine:{self.resolve(resource['Properties']['StateMachineName'])}"
        if kind == "AWS::SQS::Queue":
            return f"https://sqs.{self.region}.amazonaws.com/{self.account}/{self.generated(name)}"
        return self.generated(name)

    def get_att(self, name, attribute):
        if name in self.physical and attribute in self.physical[name]:
            return self.physical[name][attribute]
        kind = self.resources[name]["Type"]
        physical = self.ref(name)
        arns = {
            "AWS::DynamoDB::Table": f"arn:aws:dynamodb:{self.region}:{self.account}:table/{physical}",
            "AWS::IAM::Role": f"arn:aws:iam::{self.account}:role/{physical}",
            "AWS::SQS::Queue": f"arn:aws:sqs:{self.region}:{self.account}:{self.generated(name)}",
            "AWS::Lambda::Function": f"arn:aws:lambda:{self.region}:{self.account}:function:{physical}",
            "AWS::Logs::LogGroup": f"arn:aws:logs:{self.region}:{self.account}:log-group:{physical}:*",
            "AWS::Events::Rule": f"arn:aws:events:{self.region}:{self.account}:rule/{physical}",
            "AWS::IAM::InstanceProfile": f"arn:aws:iam::{self.account}:instance-profile/{physical}",
        }
        if attribute == "Arn" and kind in arns:
            return arns[kind]
        if attribute == "Name" and kind == "AWS::StepFunctions::StateMachine":
            return self.resolve(self.resources[name]["Properties"]["StateMachineName"])
        return f"{physical}.{attribute}"

    def condition(self, name):
        return self.truth(self.conditions[name])

    def truth(self, node):
        (function, argument), = node.items()
        if function == "Fn::Equals":
            return self.resolve(argument[0]) == self.resolve(argument[1])
        if function == "Fn::Not":
            return not self.truth(argument[0])
        if function == "Fn::And":
            return all(self.truth(a) for a in argument)
        if function == "Fn::Or":
            return any(self.truth(a) for a in argument)
        if function == "Condition":
            return self.condition(argument)
        raise KeyError(function)

    def sub(self, text, variables):
        def replace(match):
            name = match.group(1)
            if name.startswith("!"):
                return "${" + name[1:] + "}"
            if name in variables:
                return str(self.resolve(variables[name]))
            if "." in name and not name.startswith("AWS::"):
                resource, attribute = name.split(".", 1)
                return self.get_att(resource, attribute)
            return str(self.ref(name))
        return re.sub(r"\$\{([^}]+)\}", replace, text)

    def resolve(self, node):
        if isinstance(node, list):
            return [v for v in (self.resolve(n) for n in node) if v is not NO_VALUE]
        if not isinstance(node, dict):
            return node
        if len(node) == 1:
            (key, value), = node.items()
            if key == "Ref":
                return NO_VALUE if value == "AWS::NoValue" else self.ref(value)
            if key == "Fn::GetAtt":
                parts = value if isinstance(value, list) else value.split(".", 1)
                return self.get_att(parts[0], parts[1])
            if key == "Fn::Sub":
                text, variables = (value, {}) if isinstance(value, str) else (value[0], value[1])
                return self.sub(text, variables)
            if key == "Fn::Join":
                return value[0].join(str(v) for v in self.resolve(value[1]))
            if key == "Fn::If":
                return self.resolve(value[1] if self.condition(value[0]) else value[2])
            if key == "Fn::Select":
                return self.resolve(value[1])[int(self.resolve(value[0]))]
        return {k: v for k, v in ((k, self.resolve(v)) for k, v in node.items()) if v is not NO_VALUE}


NO_VALUE = object()


class NoManagedPolicies(ManagedPolicyLoader):
    def __init__(self):
        pass

    def load(self):
        return {}


def transformed(path):
    template = json.load(open(path))
    for resource in template["Resources"].values():
        properties = resource.get("Properties", {})
        for key in ("CodeUri", "DefinitionUri"):
            if isinstance(properties.get(key), str):
                properties[key] = "s3://bucket/" + properties[key]
    code = template.get("Globals", {}).get("Function", {})
    if isinstance(code.get("CodeUri"), str):
        code["CodeUri"] = "s3://bucket/" + code["CodeUri"]
    return transform(template, {}, NoManagedPolicies())


def policies_of(resolver, role):
    properties = resolver.resolve(copy.deepcopy(role.get("Properties", {})))
    return {
        "policies": [{"name": p["PolicyName"], "policy": p["PolicyDocument"]} for p in properties.get("Policies", [])],
        "managed": properties.get("ManagedPolicyArns", []),
        "boundaryArn": properties.get("PermissionsBoundary"),
    }


class CloudFormationYaml(yaml.SafeLoader):
    pass


def _tag(loader, suffix, node):
    name = {"Ref": "Ref", "Condition": "Condition"}.get(suffix, "Fn::" + suffix)
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
        if name == "Fn::GetAtt":
            value = value.split(".", 1)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return {name: value}


CloudFormationYaml.add_multi_constructor("!", _tag)


def main():
    profile = json.load(sys.stdin)
    root = profile.get("root", os.getcwd())
    orchestrator = transformed(os.path.join(root, "serverless.template"))
    resolver = Resolver(orchestrator, profile, profile.get("parameters", {}))
    resources = orchestrator["Resources"]
    functions = {}
    for logical_id, resource in resources.items():
        if resource["Type"] != "AWS::Lambda::Function":
            continue
        role_id = resource["Properties"]["Role"]["Fn::GetAtt"][0]
        functions[resource["Properties"]["Handler"]] = {
            "role": role_id,
            "arn": resolver.get_att(role_id, "Arn"),
            **policies_of(resolver, resources[role_id]),
        }
    output = {
        "functions": functions,
        "stackRole": {"arn": resolver.get_att("StackRole", "Arn"), **policies_of(resolver, resources["StackRole"])},
        "boundary": {"arn": resolver.ref("ProductBoundary"),
                     "policy": resolver.resolve(copy.deepcopy(resources["ProductBoundary"]["Properties"]["PolicyDocument"]))},
    }
    if "product" in profile:
        product = yaml.load(open(os.path.join(root, "templates", "pattern-1.yaml")), Loader=CloudFormationYaml)
        product_profile = dict(profile, stackName=profile["product"]["stackName"], physical={})
        parameters = dict(profile["product"]["parameters"], PermissionsBoundaryArn=output["boundary"]["arn"])
        product_resolver = Resolver(product, product_profile, parameters)
        output["productRoles"] = {
            logical_id: {"arn": product_resolver.get_att(logical_id, "Arn"), **policies_of(product_resolver, resource)}
            for logical_id, resource in product["Resources"].items() if resource["Type"] == "AWS::IAM::Role"
        }
    json.dump(output, sys.stdout)


if __name__ == "__main__":
    main()
