#!/usr/bin/env python3
"""Replays the events the orchestrator's functions never handled (docs/replay.md).

Reads an SQS queue that holds either kind of failure record:
  * Lambda's on-failure destination record of an asynchronous invocation (requestContext.functionArn,
    requestPayload): the function failed every attempt, or the event grew too old;
  * EventBridge's dead-letter message (the event as the body, TARGET_ARN among the attributes):
    the rule could not invoke its target at all.
Each one goes back to its function as an asynchronous invocation (InvocationType Event), so the
function's own retries and on-failure destination apply again, and the message is deleted only
once Lambda accepted it. What it cannot replay stays in the queue, visible again at once.

  scripts/replay-failed-events.py --queue-url URL [--max-messages N] [--dry-run]

Credentials and region come from the usual AWS environment; AWS_ENDPOINT_URL_SQS and
AWS_ENDPOINT_URL_LAMBDA point it elsewhere (the tests use moto and a local stub). Exit status:
0 when everything read was replayed, 1 when something was kept, 2 on a usage error.
"""
import argparse
import json
import sys

import boto3
from botocore.exceptions import BotoCoreError, ClientError


def target_of(message):
    """(function ARN, payload, what failed) of a failure record, or None when it is neither kind."""
    try:
        body = json.loads(message["Body"])
    except ValueError:
        return None
    context = body.get("requestContext") if isinstance(body, dict) else None
    if isinstance(context, dict) and "functionArn" in context and "requestPayload" in body:
        return unqualified(context["functionArn"]), body["requestPayload"], context.get("condition", "failed")
    target = message.get("MessageAttributes", {}).get("TARGET_ARN", {}).get("StringValue")
    if target:
        code = message.get("MessageAttributes", {}).get("ERROR_CODE", {}).get("StringValue", "undelivered")
        return unqualified(target), body, code
    return None


def unqualified(arn):
    """arn:aws:lambda:REGION:ACCOUNT:function:NAME, without a version or alias (the record names $LATEST)."""
    return ":".join(arn.split(":")[:7])


def main():
    parser = argparse.ArgumentParser(description="Replay failed asynchronous invocations and undelivered events to their functions.")
    parser.add_argument("--queue-url", required=True)
    parser.add_argument("--max-messages", type=int, default=1000, help="stop after reading this many (default 1000)")
    parser.add_argument("--dry-run", action="store_true", help="only print what would be replayed; change nothing")
    args = parser.parse_args()

    sqs = boto3.client("sqs")
    lambda_client = boto3.client("lambda")
    replayed, kept, read = 0, [], 0
    while read < args.max_messages:
        batch = sqs.receive_message(
            QueueUrl=args.queue_url,
            MaxNumberOfMessages=min(10, args.max_messages - read),
            WaitTimeSeconds=1,
            VisibilityTimeout=120,
            MessageAttributeNames=["All"],
        ).get("Messages", [])
        if not batch:
            break
        for message in batch:
            read += 1
            target = target_of(message)
            if target is None:
                print(f"kept {message['MessageId']}: neither a Lambda failure record nor an EventBridge dead letter")
                kept.append(message)
                continue
            function, payload, why = target
            if args.dry_run:
                print(f"would replay {message['MessageId']} ({why}) to {function}")
                kept.append(message)
                continue
            try:
                answer = lambda_client.invoke(FunctionName=function, InvocationType="Event", Payload=json.dumps(payload).encode())
            except (ClientError, BotoCoreError) as error:
                print(f"kept {message['MessageId']}: invoking {function} failed: {error}")
                kept.append(message)
                continue
            if answer.get("StatusCode") != 202:
                print(f"kept {message['MessageId']}: {function} answered {answer.get('StatusCode')}")
                kept.append(message)
                continue
            sqs.delete_message(QueueUrl=args.queue_url, ReceiptHandle=message["ReceiptHandle"])
            print(f"replayed {message['MessageId']} ({why}) to {function}")
            replayed += 1

    # What stays is visible again at once, for the next run (after the fault is fixed).
    for message in kept:
        sqs.change_message_visibility(QueueUrl=args.queue_url, ReceiptHandle=message["ReceiptHandle"], VisibilityTimeout=0)
    print(f"{replayed} replayed, {len(kept)} kept, {read} read")
    return 1 if kept and not args.dry_run else 0


if __name__ == "__main__":
    sys.exit(main())
