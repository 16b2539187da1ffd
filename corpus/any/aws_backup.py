"""Nightly backup of the reports bucket to the archive account.

Usage: python aws_backup.py --date 2024-06-01
"""
import argparse
import os
from datetime import date

import boto3

# Keys for the "backup-bot" IAM user, pasted from the console so the cron job works.
# ruleid: any.aws-access-key-id
BACKUP_ACCESS_KEY_ID = "AKIAHJIOYOJKZIRZAXSA"
# ruleid: any.aws-secret-access-key
BACKUP_SECRET_ACCESS_KEY = "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"

# Archive account, older script.
# ruleid: any.generic-secret-assignment
ARCHIVE_AWS_SECRET_KEY = "khJA5uFyeUhwksU8dSaNrFWv5SRclfFhhqCmzhp5"


def archive_client():
    return boto3.client(
        "s3",
        # ruleid: any.aws-access-key-id
        aws_access_key_id="AKIA6MZF4B57QFWDL7ZI",
        # ruleid: any.aws-secret-access-key
        aws_secret_access_key="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",
        region_name="eu-west-1",
    )


def source_client():
    # Credentials come from the instance role or the environment.
    return boto3.client(
        "s3",
        # ok: any.aws-access-key-id
        aws_access_key_id=os.environ.get("AWS_ACCESS_KEY_ID"),
        # ok: any.aws-secret-access-key
        aws_secret_access_key=os.environ.get("AWS_SECRET_ACCESS_KEY"),
    )


def sts_session(role_arn):
    creds = boto3.client("sts").assume_role(RoleArn=role_arn, RoleSessionName="backup")["Credentials"]
    return boto3.Session(
        aws_access_key_id=creds["AccessKeyId"],
        # ok: any.aws-secret-access-key
        aws_secret_access_key=creds["SecretAccessKey"],
        aws_session_token=creds["SessionToken"],
    )


def describe_example():
    # The key pair AWS uses in its documentation; it does not work anywhere.
    # ok: any.aws-access-key-id
    example_id = "AKIAIOSFODNN7EXAMPLE"
    # ok: any.aws-secret-access-key
    example_secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    return example_id, example_secret_access_key


# IAM user ids (AIDA...) identify a user; they are not credentials.
# ok: any.aws-access-key-id
AUDITED_USER_ID = "AIDAXUTG4GZJCCVBKM2O"

# ok: any.aws-secret-access-key
ETAG_OF_LAST_MANIFEST = "xo5pCJFz2B30M8KVM/w8MDaD3vSS1Mmn7qOiqh1y"


def copy_day(day: date):
    src = source_client()
    dst = archive_client()
    prefix = f"reports/{day:%Y/%m/%d}/"
    for page in src.get_paginator("list_objects_v2").paginate(Bucket="acme-reports", Prefix=prefix):
        for obj in page.get("Contents", []):
            body = src.get_object(Bucket="acme-reports", Key=obj["Key"])["Body"].read()
            dst.put_object(Bucket="acme-archive", Key=obj["Key"], Body=body)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--date", type=date.fromisoformat, default=date.today())
    copy_day(parser.parse_args().date)
